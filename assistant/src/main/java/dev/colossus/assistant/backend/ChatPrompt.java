package dev.colossus.assistant.backend;

import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.assistant.template.MarkedPrompt;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conversation written out for a local model, and how it is tokenized: the chat template's own text with its
 * special tokens, every message's content as plain text ({@link MarkedPrompt}), so that no post or user can write a
 * control token such as {@code <|im_start|>}. When the template changes contents so that they cannot be located, each
 * control-token text in a content is broken by a zero-width space after its first character before rendering, and
 * the whole prompt is then parsed for special tokens: the template's still count, the contents' no longer match
 * (a one-character control token becomes U+FFFD).
 *
 * @param text      the prompt text
 * @param plainText positions of {@code text} to tokenize as plain text
 * @param addBos    whether the engine must still add the BOS token (templates that write its text get none)
 */
record ChatPrompt(String text, BitSet plainText, boolean addBos) {

    /** Breaks a control-token text so that it no longer matches; not part of any vocabulary's special texts. */
    private static final String BREAK = "\u200B";

    ChatPrompt {
        plainText = (BitSet) plainText.clone();
    }

    @Override
    public BitSet plainText() {
        return (BitSet) plainText.clone();
    }

    /**
     * The prompt for {@code messages} (as {@link dev.colossus.assistant.template.ChatTemplate#maps} gives them) and
     * the tools offered, with the generation prompt.
     *
     * @throws dev.colossus.assistant.template.TemplateException when the template cannot render them
     */
    static ChatPrompt of(ChatFormat format, Tokenizer tokenizer, List<Map<String, Object>> messages,
                         List<Map<String, Object>> tools) {
        MarkedPrompt marked = MarkedPrompt.render(format.template(), messages, true, format.bosToken(),
                format.eosToken(), tools);
        String text = marked.text();
        BitSet plain = marked.contents();
        if (!marked.marked()) {
            List<Map<String, Object>> safe = new ArrayList<>();
            for (Map<String, Object> m : messages) {
                Map<String, Object> copy = new LinkedHashMap<>(m);
                if (m.get("content") instanceof String s) copy.put("content", withoutControlTokens(s, tokenizer));
                safe.add(copy);
            }
            text = format.template().render(safe, true, format.bosToken(), format.eosToken(), tools);
            plain = new BitSet();
        }
        boolean addBos = format.bosToken().isEmpty() || !text.startsWith(format.bosToken());
        return new ChatPrompt(text, plain, addBos);
    }

    /** The prompt's token ids, as the engine reads {@link #request()}. */
    int[] tokens(Tokenizer tokenizer) {
        return tokenizer.encode(text, addBos, plainText);
    }

    /** A generation request for this prompt. */
    GenerationRequest request() {
        return GenerationRequest.of(text).withSpecialTokens(addBos, true).withPlainText(plainText);
    }

    /** The text with every control-token text in it broken, so that parsing it for special tokens finds none. */
    static String withoutControlTokens(String text, Tokenizer tokenizer) {
        String out = text;
        for (int round = 0; round < 8; round++) {
            Set<String> found = new LinkedHashSet<>();
            for (int id : tokenizer.encode(out, false, true)) {
                byte[] special = tokenizer.piece(id, true);
                if (special.length > 0 && tokenizer.piece(id, false).length == 0) {
                    found.add(new String(special, StandardCharsets.UTF_8));
                }
            }
            if (found.isEmpty()) return out;
            for (String token : found) {
                int cut = token.offsetByCodePoints(0, 1);
                out = out.replace(token, cut == token.length() ? "\uFFFD" : token.substring(0, cut) + BREAK
                        + token.substring(cut));
            }
        }
        return out;
    }
}
