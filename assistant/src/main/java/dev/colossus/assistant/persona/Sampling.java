package dev.colossus.assistant.persona;

/**
 * Sampling settings for one answer. A persona supplies defaults; a request may override any of them.
 *
 * @param temperature softmax temperature, 0 (greedy) to 2
 * @param topP        nucleus sampling mass, (0, 1]
 * @param maxTokens   most tokens to generate, at least 1
 */
public record Sampling(double temperature, double topP, int maxTokens) {

    public Sampling {
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        if (maxTokens < 1) throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
    }

    /** These settings with the request's values where it gives them (null means "keep"). */
    public Sampling override(Double temperature, Double topP, Integer maxTokens) {
        return new Sampling(temperature != null ? temperature : this.temperature,
                topP != null ? topP : this.topP,
                maxTokens != null ? maxTokens : this.maxTokens);
    }
}
