package dev.colossus.engine;

import java.util.List;

/**
 * The outcome of a generation.
 *
 * @param text         the generated text (without prompt, end-of-generation token or stop string)
 * @param tokens       the generated token ids (an end-of-generation token is not included)
 * @param promptTokens how many tokens the prompt had
 * @param reusedTokens how many prompt tokens were already in the session's cache and not computed again
 * @param prefillNanos time from submission to the first generated token
 * @param decodeNanos  time from the first to the last generated token
 * @param logprobs     each generated token's log-probability, in order, when the request asked for them
 *                     ({@link GenerationRequest#logprobs()}); empty otherwise
 */
public record GenerationResult(String text, int[] tokens, int promptTokens, int reusedTokens, FinishReason finishReason,
                               long prefillNanos, long decodeNanos, List<TokenLogprob> logprobs) {

    public GenerationResult {
        logprobs = List.copyOf(logprobs);
    }

    /** Generated tokens per second after the first token (0 when fewer than two tokens were generated). */
    public double decodeTokensPerSecond() {
        return tokens.length < 2 || decodeNanos == 0 ? 0 : (tokens.length - 1) * 1e9 / decodeNanos;
    }
}
