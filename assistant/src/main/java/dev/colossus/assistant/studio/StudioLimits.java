package dev.colossus.assistant.studio;

import java.time.Duration;

/**
 * Bounds on making one piece of media.
 *
 * @param timeLimit      wall-clock limit for the whole job, every try and render included
 * @param maxSourceChars longest source accepted from the model; a longer one counts as a failed try
 * @param maxTokens      most tokens the model may write per try
 */
public record StudioLimits(Duration timeLimit, int maxSourceChars, int maxTokens) {

    /** Three minutes, 60,000 characters, 4,096 tokens a try. */
    public static final StudioLimits DEFAULT = new StudioLimits(Duration.ofMinutes(3), 60_000, 4096);

    public StudioLimits {
        if (timeLimit.isNegative() || timeLimit.isZero() || maxSourceChars < 64 || maxTokens < 16) {
            throw new IllegalArgumentException("bad studio limits");
        }
    }
}
