package dev.colossus.train.lora;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A projection of each llama block that can carry a low-rank adapter, with its GGUF tensor name. */
public enum LoraTarget {
    Q("attn_q"), K("attn_k"), V("attn_v"), O("attn_output"), GATE("ffn_gate"), UP("ffn_up"), DOWN("ffn_down");

    private final String tensor;

    LoraTarget(String tensor) {
        this.tensor = tensor;
    }

    /** The GGUF name of this projection's weight in block {@code layer}, e.g. {@code blk.3.attn_q.weight}. */
    public String weightName(int layer) {
        return "blk." + layer + "." + tensor + ".weight";
    }

    /** The stem of this projection's adapter tensors in block {@code layer}, e.g. {@code blk.3.attn_q.lora}. */
    String adapterStem(int layer) {
        return "blk." + layer + "." + tensor + ".lora";
    }

    /**
     * Parses a comma-separated list of target names ({@code q,k,v,o,gate,up,down}, any case; {@code all} for all).
     *
     * @throws IllegalArgumentException naming the first unknown target, or for an empty list
     */
    public static Set<LoraTarget> parse(String list) {
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        for (String part : list.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            if (name.equals("ALL")) {
                targets.addAll(EnumSet.allOf(LoraTarget.class));
                continue;
            }
            try {
                targets.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown LoRA target '" + part.strip() + "' (known: "
                        + String.join(",", Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList())
                        + ", all)");
            }
        }
        if (targets.isEmpty()) throw new IllegalArgumentException("no LoRA targets given");
        return targets;
    }
}
