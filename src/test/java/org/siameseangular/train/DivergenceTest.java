package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.Pooling;

/**
 * Non-finite training stops with a message that says where and what to do.
 *
 * <p>Why 3e38 and not, say, 1e30: this model's loss is bounded (clipped cosine, clipped BCE) and
 * its gates saturate, so with a learning rate of 1e30 to 1e38 the first update throws the weights
 * to 1e28..1e38, every gate saturates, the gradients become exactly 0 and training stalls with
 * finite numbers (checked: loss 3.5, val AUC 0.7, no exception). Only a step that overflows float32
 * (lr * |g| > 3.4e38) makes NaN.
 */
class DivergenceTest {
  private static final List<Pair> PAIRS = DefaultDataset.defaultPairs().subList(0, 200);

  @Test
  void overflowingLearningRateThrowsDivergenceExceptionNamingEpochStepPairAndTheFix() {
    var config =
        TrainConfig.defaults()
            // The hashed encoding's first gradients, pooled by the last state, exceed 1.13
            // somewhere, so 3e38 * g overflows to infinity within the first steps; the folded
            // one's, and mean-bag's (a mean over the steps), stay smaller and saturate.
            .withEncoding(InputEncoding.Hashed.DEFAULT)
            .withPooling(Pooling.LAST)
            .withUnits(4)
            .withOptimizer(Optimizer.SGD)
            .withLearningRate(3e38)
            .withEpochs(2)
            .withBatchSize(8)
            .withSeed(1)
            .withPatience(0);

    DivergenceException e =
        catchThrowableOfType(
            DivergenceException.class,
            () ->
                new Trainer(config)
                    .train(PAIRS, TrainState.start(KerasInitializers.model(config.spec(), 1))));

    assertThat(e).as("training with learning rate 3e38 did not diverge").isNotNull();
    assertThat(e.epoch()).isEqualTo(1);
    assertThat(e.step()).isGreaterThanOrEqualTo(1);
    assertThat(e.getMessage())
        .contains("epoch 1 at step " + e.step() + "/23")
        .containsPattern(
            "(on the pair|in the batch starting with the pair) \\(\"[a-z]+\", \"[a-z]+\", label"
                + " [01]\\)")
        .contains("Nothing was exported")
        .contains("learning rate (now 3.0E38)");
  }

  @Test
  void learningRateBeyondTheFloat32RangeIsRefused() {
    // The graph holds the rate as a float32 constant: 1e39 would silently become +Infinity.
    assertThatThrownBy(
            () -> TrainConfig.defaults().withOptimizer(Optimizer.SGD).withLearningRate(1e39))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learning rate");
  }
}
