package dev.colossus.engine.model;

import java.util.Arrays;

/** The model architectures this engine runs, by their GGUF {@code general.architecture} name. */
public enum Architecture {
    /** Llama 2/3.x, Mistral, TinyLlama, SmolLM: RoPE on adjacent pairs, no attention biases. */
    LLAMA("llama", false),
    /** Qwen2: biases on Q/K/V, RoPE on the two halves of each head (NEOX style). */
    QWEN2("qwen2", true);

    private final String ggufName;
    private final boolean neoxRope;

    Architecture(String ggufName, boolean neoxRope) {
        this.ggufName = ggufName;
        this.neoxRope = neoxRope;
    }

    public String ggufName() {
        return ggufName;
    }

    /** True when RoPE rotates element {@code i} with {@code i + dims/2} rather than with {@code i + 1}. */
    public boolean neoxRope() {
        return neoxRope;
    }

    /**
     * The architecture named {@code name} in a GGUF file.
     *
     * @throws UnsupportedModelException naming the supported architectures when there is none
     */
    public static Architecture fromGguf(String name) {
        for (Architecture a : values()) if (a.ggufName.equals(name)) return a;
        throw new UnsupportedModelException("unsupported model architecture '" + name + "' (supported: "
                + String.join(", ", Arrays.stream(values()).map(Architecture::ggufName).toList()) + ")");
    }
}
