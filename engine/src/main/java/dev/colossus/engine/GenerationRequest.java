package dev.colossus.engine;

import dev.colossus.engine.grammar.Grammar;
import dev.colossus.engine.sample.SamplingParams;

import java.util.BitSet;
import java.util.List;

/**
 * What to generate: a prompt (text, tokenized with the model's tokenizer), a token budget, stop strings and sampling
 * parameters.
 *
 * @param prompt       the prompt text
 * @param maxTokens    at most this many tokens are generated (at least 1)
 * @param stopStrings  generation stops before the first occurrence of any of these in the output
 * @param sampling     how tokens are chosen ({@link SamplingParams#greedy()} for argmax)
 * @param addSpecial   add BOS as the vocabulary's metadata says (true for a raw prompt)
 * @param parseSpecial recognise special-token texts such as {@code <|im_start|>} in the prompt (true for chat
 *                     templates)
 * @param grammar      when not null, the output is constrained to this grammar: tokens it cannot take are masked,
 *                     and generation ends (as {@link FinishReason#END_OF_GENERATION}) only where it accepts, as soon as
 *                     it allows nothing more; {@link FinishReason#MAX_TOKENS} can still cut it short
 * @param plainText    positions (UTF-16 indices) of the prompt where special-token texts stay plain text even with
 *                     {@code parseSpecial} (see {@link dev.colossus.engine.tokenizer.Tokenizer#encode(String, boolean,
 *                     BitSet)}): a chat prompt marks its messages' contents, so that only its template's own text
 *                     gives control tokens; empty for none. The request keeps its own copy.
 * @param logprobs     -1 (the default) for none; otherwise each generated token's log-probability is returned
 *                     ({@link GenerationResult#logprobs()}) with this many most likely alternatives (0 to
 *                     {@value #MAX_TOP_LOGPROBS})
 */
public record GenerationRequest(String prompt, int maxTokens, List<String> stopStrings, SamplingParams sampling,
                                boolean addSpecial, boolean parseSpecial, Grammar grammar, BitSet plainText,
                                int logprobs) {

    /** The most alternatives a request may ask for with each token's log-probability. */
    public static final int MAX_TOP_LOGPROBS = 20;

    public GenerationRequest {
        if (prompt == null) throw new IllegalArgumentException("prompt must not be null");
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        stopStrings = List.copyOf(stopStrings);
        if (sampling == null) throw new IllegalArgumentException("sampling parameters must not be null");
        plainText = plainText == null ? new BitSet() : (BitSet) plainText.clone();
        if (logprobs < -1 || logprobs > MAX_TOP_LOGPROBS) {
            throw new IllegalArgumentException("top log-probabilities must be 0 to " + MAX_TOP_LOGPROBS + ", got "
                    + logprobs);
        }
    }

    /** A request without a grammar, with no plain-text positions. */
    public GenerationRequest(String prompt, int maxTokens, List<String> stopStrings, SamplingParams sampling,
                             boolean addSpecial, boolean parseSpecial) {
        this(prompt, maxTokens, stopStrings, sampling, addSpecial, parseSpecial, null, null, -1);
    }

    /** A copy of the plain-text positions. */
    @Override
    public BitSet plainText() {
        return (BitSet) plainText.clone();
    }

    /** A request with 256 max tokens, no stop strings, greedy sampling, BOS added and special tokens parsed. */
    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(prompt, 256, List.of(), SamplingParams.greedy(), true, true);
    }

    public GenerationRequest withMaxTokens(int n) {
        return new GenerationRequest(prompt, n, stopStrings, sampling, addSpecial, parseSpecial, grammar, plainText,
                logprobs);
    }

    public GenerationRequest withStopStrings(List<String> stops) {
        return new GenerationRequest(prompt, maxTokens, stops, sampling, addSpecial, parseSpecial, grammar,
                plainText, logprobs);
    }

    public GenerationRequest withSampling(SamplingParams s) {
        return new GenerationRequest(prompt, maxTokens, stopStrings, s, addSpecial, parseSpecial, grammar, plainText,
                logprobs);
    }

    public GenerationRequest withSpecialTokens(boolean add, boolean parse) {
        return new GenerationRequest(prompt, maxTokens, stopStrings, sampling, add, parse, grammar, plainText,
                logprobs);
    }

    /** The same request constrained to {@code g} (null: unconstrained). */
    public GenerationRequest withGrammar(Grammar g) {
        return new GenerationRequest(prompt, maxTokens, stopStrings, sampling, addSpecial, parseSpecial, g,
                plainText, logprobs);
    }

    /** The same request with these positions of the prompt tokenized as plain text (see {@link #plainText()}). */
    public GenerationRequest withPlainText(BitSet positions) {
        return new GenerationRequest(prompt, maxTokens, stopStrings, sampling, addSpecial, parseSpecial, grammar,
                positions, logprobs);
    }

    /**
     * The same request returning each generated token's log-probability with its {@code top} most likely
     * alternatives (-1: none).
     */
    public GenerationRequest withLogprobs(int top) {
        return new GenerationRequest(prompt, maxTokens, stopStrings, sampling, addSpecial, parseSpecial, grammar,
                plainText, top);
    }
}
