package org.siameseangular.train;

import java.util.ArrayList;
import java.util.List;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;

/**
 * Times the training loop's own step ({@link TrainingSession#step}: strings to tensors, forward,
 * backward, update, loss fetch) on fixed batches, for the benchmark. Nothing here changes how
 * {@link Trainer} trains.
 */
public final class ThroughputProbe {
  private ThroughputProbe() {}

  /**
   * Seconds per repetition of {@code steps} steps, after {@code warmupSteps} untimed ones. Batches
   * are used in order and cycled; the weights keep training across repetitions, as in a real run.
   *
   * @param lastLoss receives the loss of the last step (a sanity check that training ran), may be
   *     null
   */
  public static List<Double> measure(
      TrainConfig config,
      List<List<Pair>> batches,
      int warmupSteps,
      int steps,
      int repeats,
      float[] lastLoss) {
    if (batches.isEmpty() || steps < 1 || repeats < 1 || warmupSteps < 0) {
      throw new IllegalArgumentException("need batches, steps >= 1, repeats >= 1, warm-up >= 0");
    }
    List<Double> seconds = new ArrayList<>(repeats);
    try (var session =
        new TrainingSession(
            config,
            KerasInitializers.model(config.spec(), config.seed()),
            OptimizerState.fresh(),
            0)) {
      int next = 0;
      StepResult r = null;
      for (int i = 0; i < warmupSteps; i++, next++) {
        r = session.step(batches.get(next % batches.size()));
      }
      for (int rep = 0; rep < repeats; rep++) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++, next++) {
          r = session.step(batches.get(next % batches.size()));
        }
        seconds.add((System.nanoTime() - start) / 1e9);
      }
      if (lastLoss != null && lastLoss.length > 0 && r != null) {
        lastLoss[0] = r.loss();
      }
    }
    return seconds;
  }
}
