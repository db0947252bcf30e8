package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void sameSeedGivesBitIdenticalWeights(Optimizer optimizer) {
    TrainingResult first = train(optimizer, 42, 42);
    TrainingResult second = train(optimizer, 42, 42);

    assertThat(second.weights()).isEqualTo(first.weights());
    assertThat(second.last().weights()).isEqualTo(first.last().weights());
    assertThat(second.validationDistances()).containsExactly(first.validationDistances());
    // Training happened: the weights moved away from the initial ones.
    assertThat(first.last().weights())
        .isNotEqualTo(KerasInitializers.model(config(optimizer, 42).spec(), 42));
  }

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void differentShuffleSeedGivesDifferentWeights(Optimizer optimizer) {
    // Same initial weights; only TrainConfig.seed, which drives each epoch's shuffle, differs.
    ModelWeights a = train(optimizer, 42, 42).last().weights();
    ModelWeights b = train(optimizer, 42, 43).last().weights();

    assertThat(b).isNotEqualTo(a);
  }

  private static TrainingResult train(Optimizer optimizer, long initSeed, long shuffleSeed) {
    var config = config(optimizer, shuffleSeed);
    return new Trainer(config)
        .train(PAIRS, TrainState.start(KerasInitializers.model(config.spec(), initSeed)));
  }

  /** The default (hashed) encoding: its table is trained, so it must be deterministic too. */
  private static TrainConfig config(Optimizer optimizer, long shuffleSeed) {
    return TrainConfig.defaults()
        .withUnits(UNITS)
        .withOptimizer(optimizer)
        .withLearningRate(optimizer.defaultLearningRate())
        .withEpochs(2)
        .withBatchSize(32)
        .withSeed(shuffleSeed)
        .withPatience(0);
  }
}
