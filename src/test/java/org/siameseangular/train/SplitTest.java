package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;

/**
 * Keras's {@code validation_split}: the last n - floor((1 - f) n) pairs, in order, before any
 * shuffle.
 */
class SplitTest {

  /**
   * Expected counts from Python: {@code n - int(math.floor(n * (1.0 - f)))}, Keras's array_slicing
   * formula.
   */
  @ParameterizedTest(name = "n={0}, split={1} -> {2} validation")
  @CsvSource({
    "10, 0.1, 1",
    "15, 0.1, 2",
    "600, 0.1, 60",
    "7, 0.3, 3",
    "10, 0.3, 3",
    "100, 0.7, 70",
    "3, 0.5, 2",
    "1, 0.1, 1",
    "20, 0.35, 7"
  })
  void validationCountIsNMinusFloorOfTrainingFraction(int n, double split, int validation) {
    Split s = Split.of(numbered(n), split);

    assertThat(s.validation()).hasSize(validation);
    assertThat(s.training()).hasSize(n - validation);
  }

  @Test
  void validationIsTheTailInOriginalOrderAndTrainingTheHead() {
    List<Pair> pairs = numbered(15);

    Split s = Split.of(pairs, 0.1);

    assertThat(s.training()).containsExactlyElementsOf(pairs.subList(0, 13));
    assertThat(s.validation()).containsExactlyElementsOf(pairs.subList(13, 15));
  }

  @Test
  void trainerValidatesOnTheUnshuffledTail() {
    List<Pair> pairs = DefaultDataset.defaultPairs().subList(0, 100);
    var config =
        TrainConfig.defaults()
            .withUnits(2)
            .withOptimizer(Optimizer.SGD)
            .withLearningRate(0.01)
            .withEpochs(1)
            .withBatchSize(32)
            .withSeed(5)
            .withPatience(0);

    TrainingResult result =
        new Trainer(config)
            .train(pairs, TrainState.start(KerasInitializers.model(config.spec(), 5)));

    assertThat(result.validation()).containsExactlyElementsOf(pairs.subList(90, 100));
  }

  @Test
  void shuffleIsAPermutation() {
    int[] order = Trainer.shuffle(1000, 42, 1);

    assertThat(Arrays.stream(order).sorted().toArray())
        .containsExactly(IntStream.range(0, 1000).toArray());
  }

  @Test
  void shuffleIsReproducibleForTheSameSeedAndEpoch() {
    assertThat(Trainer.shuffle(500, 42, 3)).containsExactly(Trainer.shuffle(500, 42, 3));
  }

  @Test
  void shuffleDiffersBetweenEpochsAndSeeds() {
    int[] base = Trainer.shuffle(500, 42, 1);

    assertThat(Trainer.shuffle(500, 42, 2)).isNotEqualTo(base);
    assertThat(Trainer.shuffle(500, 43, 1)).isNotEqualTo(base);
    assertThat(base).isNotEqualTo(IntStream.range(0, 500).toArray());
  }

  private static List<Pair> numbered(int n) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pairs.add(new Pair("left" + i, "right" + i, i % 2));
    }
    return pairs;
  }
}
