package dev.colossus.train.optim;

import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class GradientClippingTest {
    private static final LlamaShape SHAPE = new LlamaShape(5, 4, 1, 2, 1, 6, 8, 1e-5f, 10000f, true);

    private static Parameters gradients() {
        Parameters g = Parameters.zeros(SHAPE);
        g.data("token_embd.weight")[3] = 3f;
        g.data("blk.0.ffn_norm.weight")[1] = -4f;
        return g;
    }

    @Test
    void clipsToTheMaximumAndReturnsTheNormBefore() {
        Parameters g = gradients();
        assertThat(GradientClipping.clip(g, 1.0)).isCloseTo(5.0, offset(1e-9));
        assertThat(GradientClipping.globalNorm(g)).isCloseTo(1.0, offset(1e-5));
        assertThat(g.data("token_embd.weight")[3]).isCloseTo(0.6f, offset(1e-5f));
    }

    @Test
    void leavesGradientsBelowTheMaximumAlone() {
        Parameters g = gradients();
        assertThat(GradientClipping.clip(g, 10.0)).isCloseTo(5.0, offset(1e-9));
        assertThat(g.data("blk.0.ffn_norm.weight")[1]).isEqualTo(-4f);
    }
}
