package dev.colossus.train.lora;

import java.util.EnumSet;
import java.util.Set;

/**
 * How low-rank adapters are attached: each targeted projection {@code W} ({@code out × in}) becomes
 * {@code W + (alpha / rank) · B·A} with {@code A} of {@code rank × in} and {@code B} of {@code out × rank}.
 *
 * @param rank    the adapters' rank, at least 1
 * @param alpha   the scale's numerator, positive ({@link #DEFAULT_ALPHA_PER_RANK} times the rank by default)
 * @param targets the projections that get adapters, not empty
 * @throws IllegalArgumentException naming the first value out of range
 */
public record LoraSettings(int rank, float alpha, Set<LoraTarget> targets) {

    /** The default alpha is this times the rank, so the scale is 2 whatever the rank. */
    public static final int DEFAULT_ALPHA_PER_RANK = 2;

    public LoraSettings {
        if (rank < 1) throw new IllegalArgumentException("--lora must be at least 1, not " + rank);
        if (!(alpha > 0) || !Float.isFinite(alpha)) throw new IllegalArgumentException("--lora-alpha must be positive, not " + alpha);
        if (targets.isEmpty()) throw new IllegalArgumentException("no LoRA targets given");
        targets = Set.copyOf(EnumSet.copyOf(targets));
    }

    /** Rank {@code rank}, alpha {@code 2·rank}, every projection of every block (q, k, v, o, gate, up, down). */
    public static LoraSettings of(int rank) {
        return new LoraSettings(rank, DEFAULT_ALPHA_PER_RANK * rank, EnumSet.allOf(LoraTarget.class));
    }

    /** {@code alpha / rank}, the factor of {@code B·A}. */
    public float scale() {
        return alpha / rank;
    }
}
