package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelWeights;

/**
 * Same seed, data and config: bit-identical weights (tensorflow-framework's Adam is not
 * deterministic; the project's ApplyAdam with fed beta powers must be). 600 pairs, 2 epochs, 8
 * units: 17 steps per epoch.
 */
class DeterminismTest {
  private static final List<Pair> PAIRS = DefaultDataset.defaultPairs().subList(0, 600);
  private static final int UNITS = 8;

  /**
   * Batches of 32 (both sides in one encoder call, one op at a time) and of 96 (two calls, two ops
   * at once: SessionConfig.DEFAULT).
   */
  @ParameterizedTest(name = "{0}, batch {1}")
  @MethodSource("optimizersAndBatchSizes")
  void sameSeedGivesBitIdenticalWeights(Optimizer optimizer, int batchSize) {
    TrainingResult first = train(optimizer, batchSize, 42, 42);
    TrainingResult second = train(optimizer, batchSize, 42, 42);

    assertThat(second.weights()).isEqualTo(first.weights());
    assertThat(second.last().weights()).isEqualTo(first.last().weights());
    assertThat(second.validationDistances()).containsExactly(first.validationDistances());
    // Training happened: the weights moved away from the initial ones.
    assertThat(first.last().weights())
        .isNotEqualTo(KerasInitializers.model(config(optimizer, batchSize, 42).spec(), 42));
  }

  static Stream<Arguments> optimizersAndBatchSizes() {
    int twoCalls = TrainingSession.STACKED_MAX_BATCH + 32;
    return Arrays.stream(Optimizer.values())
        .flatMap(o -> Stream.of(Arguments.of(o, 32), Arguments.of(o, twoCalls)));
  }

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void differentShuffleSeedGivesDifferentWeights(Optimizer optimizer) {
    // Same initial weights; only TrainConfig.seed, which drives each epoch's shuffle, differs.
    ModelWeights a = train(optimizer, 32, 42, 42).last().weights();
    ModelWeights b = train(optimizer, 32, 42, 43).last().weights();

    assertThat(b).isNotEqualTo(a);
  }

  private static TrainingResult train(
      Optimizer optimizer, int batchSize, long initSeed, long shuffleSeed) {
    var config = config(optimizer, batchSize, shuffleSeed);
    return new Trainer(config)
        .train(PAIRS, TrainState.start(KerasInitializers.model(config.spec(), initSeed)));
  }

  /** The default (hashed) encoding: its table is trained, so it must be deterministic too. */
  private static TrainConfig config(Optimizer optimizer, int batchSize, long shuffleSeed) {
    return TrainConfig.defaults()
        .withUnits(UNITS)
        .withOptimizer(optimizer)
        .withLearningRate(optimizer.defaultLearningRate())
        .withEpochs(2)
        .withBatchSize(batchSize)
        .withSeed(shuffleSeed)
        .withPatience(0);
  }
}
