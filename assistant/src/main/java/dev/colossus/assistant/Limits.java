package dev.colossus.assistant;

import java.time.Duration;

/**
 * Bounds on one answer.
 *
 * @param maxPromptTokens most tokens of prompt sent to the model; older turns are dropped, then sources, to fit
 *                        (see {@link ContextWindow})
 * @param maxOutputTokens most tokens generated, whatever the request asks
 * @param timeLimit       wall-clock limit per answer
 */
public record Limits(int maxPromptTokens, int maxOutputTokens, Duration timeLimit) {

    public static final Limits DEFAULT = new Limits(6144, 1024, Duration.ofSeconds(120));

    public Limits {
        if (maxPromptTokens < 64 || maxOutputTokens < 1 || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("bad generation limits");
        }
    }
}
