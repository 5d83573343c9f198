package dev.colossus.engine;

import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's prefix cache on the real stories260K model: later prompts reuse earlier ones, answers unchanged. */
class PrefixCacheTest {
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the park with her friends. One day, she saw a big red ball";

    private static Engine load(long cacheBytes) throws Exception {
        return Engine.load(Fixtures.model("stories260K.gguf"),
                Engine.Options.defaults().withThreads(2).withPrefixCacheBytes(cacheBytes));
    }

    private static GenerationResult greedy(Engine engine, String prompt) throws Exception {
        return engine.generate(GenerationRequest.of(prompt).withMaxTokens(24)).result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void theNextTurnOfAConversationReusesTheCacheAndAnswersAsIfComputedAfresh() throws Exception {
        try (Engine cached = load(64L << 20); Engine uncached = load(0)) {
            GenerationResult first = greedy(cached, STORY);
            assertThat(first.reusedTokens()).isZero();
            String next = STORY + first.text() + " Then her mom said";
            GenerationResult second = greedy(cached, next);
            GenerationResult fresh = greedy(uncached, next);
            assertThat(second.reusedTokens()).isGreaterThanOrEqualTo(first.promptTokens());
            assertThat(fresh.reusedTokens()).isZero();
            assertThat(second.tokens()).containsExactly(fresh.tokens());
            assertThat(uncached.cachedSessions()).isZero();
        }
    }

    @Test
    void aPromptSharingOnlyABeginningCopiesItAndLeavesTheOtherConversationCached() throws Exception {
        try (Engine engine = load(64L << 20)) {
            GenerationResult a = greedy(engine, STORY + " in the sky.");
            GenerationResult b = greedy(engine, STORY + " under a tree.");
            assertThat(b.reusedTokens()).isGreaterThan(20).isLessThan(b.promptTokens());
            assertThat(engine.cachedSessions()).isEqualTo(2);
            // the first conversation's cache is still whole: its next turn reuses all of its first prompt
            GenerationResult aAgain = greedy(engine, STORY + " in the sky." + a.text() + " The end.");
            assertThat(aAgain.reusedTokens()).isGreaterThanOrEqualTo(a.promptTokens());
        }
    }

    @Test
    void theLeastRecentlyUsedSessionsAreDroppedBeyondTheByteBudget() throws Exception {
        // stories260K: 5 layers x 32 key/value floats x 2 x 4 bytes = 1,280 bytes a position, grown by 256
        // positions: 327,680 bytes a session, so a budget of 400,000 keeps one
        try (Engine engine = load(400_000)) {
            greedy(engine, "Tom had a dog.");
            greedy(engine, "Sue saw a cat.");
            assertThat(engine.cachedSessions()).isEqualTo(1);
            GenerationResult again = greedy(engine, "Tom had a dog. It was big.");
            assertThat(again.reusedTokens()).as("the first prompt's session was dropped").isLessThan(4);
        }
    }

    @Test
    void aRefusedPromptDoesNotCostTheCachedSessions() throws Exception {
        try (Engine engine = load(64L << 20)) {
            greedy(engine, STORY);
            int before = engine.cachedSessions();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.generate(GenerationRequest.of(
                    "word ".repeat(engine.config().contextLength() + 10))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(engine.cachedSessions()).isEqualTo(before);
            assertThat(greedy(engine, STORY + " again").reusedTokens()).isGreaterThan(20);
        }
    }
}
