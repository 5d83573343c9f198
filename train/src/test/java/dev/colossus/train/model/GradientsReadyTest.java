package dev.colossus.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backward pass tells of each part of the model once, in backward order, and only when its gradients are final:
 * what a part's tensors hold when it is told equals what they hold when the pass returns (a trainer reduces them
 * over the ranks from that moment on).
 */
class GradientsReadyTest {

    @ParameterizedTest(name = "tied embeddings: {0}")
    @ValueSource(booleans = {false, true})
    void eachPartIsToldOnceInBackwardOrderWithItsFinalGradients(boolean tied) {
        LlamaShape shape = new LlamaShape(17, 16, 3, 4, 2, 24, 8, 1e-5f, 10000f, tied);
        Parameters params = Parameters.initialize(shape, 3);
        Parameters grads = Parameters.zerosLike(params);
        SplittableRandom random = new SplittableRandom(4);
        int[] inputs = new int[2 * 8], targets = new int[2 * 8];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(shape.vocab());
            targets[i] = random.nextInt(shape.vocab());
        }
        List<ModelPart> told = new ArrayList<>();
        Map<String, float[]> snapshots = new LinkedHashMap<>();
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 2)) {
            model.forwardBackward(inputs, targets, 2, 8, LlamaWeights.of(params, grads), part -> {
                told.add(part);
                for (Parameters.Tensor t : grads.tensors()) {
                    if (part.owns(t.name())) snapshots.put(t.name(), t.data().clone());
                }
            });
        }
        assertThat(told).containsExactlyElementsOf(ModelPart.backwardOrder(shape));
        // every tensor belongs to exactly one part, and was final when its part was told
        assertThat(snapshots.keySet()).containsExactlyInAnyOrderElementsOf(params.layout().keySet());
        for (Parameters.Tensor t : grads.tensors()) {
            assertThat(ModelPart.backwardOrder(shape).stream().filter(p -> p.owns(t.name()))).hasSize(1);
            assertThat(snapshots.get(t.name())).as(t.name()).containsExactly(t.data());
            assertThat(t.squaredNorm()).as(t.name()).isPositive();
        }
    }
}
