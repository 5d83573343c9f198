package dev.colossus.assistant.template;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Chat formats used when a model file carries no {@code tokenizer.chat_template}. Each is written in the same Jinja
 * dialect as model templates and rendered by {@link ChatTemplate}.
 */
public enum BuiltinTemplate {

    /** {@code <|im_start|>role ... <|im_end|>} (Qwen, SmolLM, many fine-tunes). */
    CHATML("""
            {%- for message in messages %}
            {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
            {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """),

    /** Llama 3 headers: {@code <|start_header_id|>role<|end_header_id|>} and {@code <|eot_id|>}. */
    LLAMA3("""
            {{- bos_token }}
            {%- for message in messages %}
            {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
            {%- endif %}
            """),

    /** Llama 2: {@code [INST] <<SYS>>...<</SYS>> user [/INST] answer </s>}. */
    LLAMA2("""
            {%- if messages[0]['role'] == 'system' %}
            {%- set system_message = messages[0]['content'] | trim %}
            {%- set loop_messages = messages[1:] %}
            {%- else %}
            {%- set system_message = '' %}
            {%- set loop_messages = messages %}
            {%- endif %}
            {%- for message in loop_messages %}
            {%- if message['role'] == 'user' %}
            {%- if loop.first and system_message %}
            {{- bos_token + '[INST] <<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] | trim + ' [/INST]' }}
            {%- else %}
            {{- bos_token + '[INST] ' + message['content'] | trim + ' [/INST]' }}
            {%- endif %}
            {%- elif message['role'] == 'assistant' %}
            {{- ' ' + message['content'] | trim + ' ' + eos_token }}
            {%- endif %}
            {%- endfor %}
            """),

    /** Mistral instruct: {@code <s>[INST] user [/INST] answer</s>}, the system text joined to the first user turn. */
    MISTRAL("""
            {%- if messages[0]['role'] == 'system' %}
            {%- set system_message = messages[0]['content'] %}
            {%- set loop_messages = messages[1:] %}
            {%- else %}
            {%- set system_message = '' %}
            {%- set loop_messages = messages %}
            {%- endif %}
            {{- bos_token }}
            {%- for message in loop_messages %}
            {%- if message['role'] == 'user' %}
            {%- if loop.first and system_message %}
            {{- '[INST] ' + system_message + '\\n\\n' + message['content'] + ' [/INST]' }}
            {%- else %}
            {{- '[INST] ' + message['content'] + ' [/INST]' }}
            {%- endif %}
            {%- elif message['role'] == 'assistant' %}
            {{- ' ' + message['content'] + eos_token }}
            {%- endif %}
            {%- endfor %}
            """);

    private final String source;

    BuiltinTemplate(String source) {
        this.source = source;
    }

    /** This format as a renderable template. */
    public ChatTemplate template() {
        return ChatTemplate.of(source);
    }

    /** Looks a format up by name, case-insensitively ({@code chatml}, {@code llama3}, {@code llama2}, {@code mistral}). */
    public static BuiltinTemplate named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown chat format '" + name + "' (known: chatml, llama3, llama2, mistral)");
        }
    }

    /**
     * Guesses the format of a model without a template from its special tokens and architecture name.
     *
     * @param hasToken     whether the vocabulary contains a token text
     * @param architecture GGUF {@code general.architecture}, may be null
     */
    public static BuiltinTemplate guess(Predicate<String> hasToken, String architecture) {
        if (hasToken.test("<|start_header_id|>")) return LLAMA3;
        if (hasToken.test("<|im_start|>")) return CHATML;
        if (hasToken.test("[INST]") || (architecture != null && architecture.toLowerCase(Locale.ROOT).contains("mistral"))) {
            return MISTRAL;
        }
        if (architecture != null && architecture.equalsIgnoreCase("llama")) return LLAMA2;
        return CHATML;
    }
}
