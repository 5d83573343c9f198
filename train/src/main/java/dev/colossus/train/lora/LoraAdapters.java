package dev.colossus.train.lora;

import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trained values of a LoRA run: for each targeted projection {@code W} ({@code out × in}) of each block, the
 * tensors {@code blk.N.<proj>.lora_a} ({@code ne = [in, rank]}: {@code A}, rank rows of {@code in}) and
 * {@code blk.N.<proj>.lora_b} ({@code ne = [rank, out]}: {@code B}, {@code out} rows of {@code rank}), blocks in
 * order, projections in {@link LoraTarget} order. They live in a {@link Parameters}, so AdamW, gradient clipping,
 * the gradient all-reduce and checkpoints treat them like any model's tensors.
 * <p>Thread safety: the arrays are shared and mutable; callers coordinate their writes.
 *
 * @param settings   rank, alpha and targets
 * @param parameters the A and B tensors (live)
 */
public record LoraAdapters(LoraSettings settings, Parameters parameters) {

    /** @throws IllegalArgumentException when the tensors are not those {@code settings} give a model of their shape */
    public LoraAdapters {
        if (!parameters.sameLayout(Parameters.zeros(parameters.shape(), layout(parameters.shape(), settings)))) {
            throw new IllegalArgumentException("the adapter tensors do not match rank " + settings.rank()
                    + " and targets " + settings.targets());
        }
    }

    /** Names and dimensions of the adapters of a model of {@code shape}. */
    public static Map<String, int[]> layout(LlamaShape shape, LoraSettings settings) {
        Map<String, int[]> model = Parameters.layout(shape);
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int l = 0; l < shape.layers(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                if (!settings.targets().contains(t)) continue;
                int[] ne = model.get(t.weightName(l));
                m.put(t.adapterStem(l) + "_a", new int[]{ne[0], settings.rank()});
                m.put(t.adapterStem(l) + "_b", new int[]{settings.rank(), ne[1]});
            }
        }
        return m;
    }

    /**
     * Fresh adapters: {@code B = 0}, so the adapted model starts as the base; {@code A} uniform in
     * {@code ±1/sqrt(in)} (the usual Kaiming-uniform bound), depending only on the seed and each tensor's name.
     */
    public static LoraAdapters initialize(LlamaShape shape, LoraSettings settings, long seed) {
        Parameters p = Parameters.zeros(shape, layout(shape, settings));
        for (Parameters.Tensor t : p.tensors()) {
            if (!t.name().endsWith("_a")) continue;
            double bound = 1 / Math.sqrt(t.ne()[0]);
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t.name().hashCode());
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return new LoraAdapters(settings, p);
    }

    /** True when projection {@code weightName} (e.g. {@code blk.0.attn_q.weight}) has an adapter. */
    public boolean adapts(String weightName) {
        return parameters.layout().containsKey(stem(weightName) + "_a");
    }

    /** The name of {@code A} (rank rows of {@code in}) of projection {@code weightName}. */
    public static String aName(String weightName) {
        return stem(weightName) + "_a";
    }

    /** The name of {@code B} ({@code out} rows of {@code rank}) of projection {@code weightName}. */
    public static String bName(String weightName) {
        return stem(weightName) + "_b";
    }

    private static String stem(String weightName) {
        if (!weightName.endsWith(".weight")) throw new IllegalArgumentException("not a weight name: " + weightName);
        return weightName.substring(0, weightName.length() - ".weight".length()) + ".lora";
    }
}
