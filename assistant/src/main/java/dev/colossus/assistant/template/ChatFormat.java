package dev.colossus.assistant.template;

import dev.colossus.engine.gguf.GgufFile;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a model wants its conversations written: its chat template and the texts of its BOS and EOS tokens.
 *
 * @param template the template to render
 * @param bosToken text of the beginning-of-sequence token ("" when the model has none)
 * @param eosToken text of the end-of-sequence token ("" when the model has none)
 * @param origin   where the template came from, for users: {@code "gguf"} or {@code "builtin:NAME"}
 */
public record ChatFormat(ChatTemplate template, String bosToken, String eosToken, String origin) {

    public ChatFormat {
        Objects.requireNonNull(template, "template");
        bosToken = bosToken == null ? "" : bosToken;
        eosToken = eosToken == null ? "" : eosToken;
    }

    /**
     * The format a GGUF file declares: {@code tokenizer.chat_template} when present, otherwise the built-in format
     * that its special tokens and architecture point to.
     */
    public static ChatFormat of(GgufFile gguf) {
        String[] tokens = gguf.has("tokenizer.ggml.tokens") ? gguf.getArray("tokenizer.ggml.tokens", String[].class)
                : new String[0];
        String bos = token(tokens, gguf.getLong("tokenizer.ggml.bos_token_id", -1));
        String eos = token(tokens, gguf.getLong("tokenizer.ggml.eos_token_id", -1));
        String source = gguf.getString("tokenizer.chat_template", null);
        if (source != null && !source.isBlank()) return new ChatFormat(ChatTemplate.of(source), bos, eos, "gguf");
        Set<String> vocabulary = new HashSet<>(Arrays.asList(tokens));
        BuiltinTemplate builtin = BuiltinTemplate.guess(vocabulary::contains,
                gguf.getString("general.architecture", null));
        return new ChatFormat(builtin.template(), bos, eos, "builtin:" + builtin.name().toLowerCase());
    }

    private static String token(String[] tokens, long id) {
        return id >= 0 && id < tokens.length ? tokens[(int) id] : "";
    }
}
