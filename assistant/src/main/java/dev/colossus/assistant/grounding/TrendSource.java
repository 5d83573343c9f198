package dev.colossus.assistant.grounding;

import java.util.List;

/**
 * What is rising on the network now: the hashtags the assistant mentions when asked what is happening, and the
 * subjects of its Stories. Implementations are thread-safe and cheap enough to call once per question.
 */
@FunctionalInterface
public interface TrendSource {

    /** The names (lower case, without {@code #}) of at most {@code n} rising hashtags, hottest first. */
    List<String> risingTags(int n);

    /** No trends: used when nothing tracks them. */
    TrendSource NONE = n -> List.of();
}
