package dev.colossus.assistant.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated token with its natural-log probability, as OpenAI's {@code logprobs.content} lists it.
 *
 * @param token   the token's text (its bytes decoded as UTF-8; a token holding part of a character shows U+FFFD)
 * @param bytes   the token's bytes, unsigned (0-255)
 * @param top     the most likely tokens at that step, most likely first, each with an empty {@code top}
 */
public record TokenLogprob(String token, double logprob, List<Integer> bytes, List<TokenLogprob> top) {

    public TokenLogprob {
        bytes = List.copyOf(bytes);
        top = List.copyOf(top);
    }

    /** A token given by its bytes. */
    public static TokenLogprob of(byte[] piece, double logprob, List<TokenLogprob> top) {
        List<Integer> unsigned = new ArrayList<>(piece.length);
        for (byte b : piece) unsigned.add(b & 0xff);
        return new TokenLogprob(new String(piece, StandardCharsets.UTF_8), logprob, unsigned, top);
    }
}
