package org.siameseangular.train;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.siameseangular.data.Pair;
import org.siameseangular.data.Texts;
import org.siameseangular.data.UserException;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.io.TestHook;

/**
 * The Java training loop. Per epoch: order the training pairs with the seed (shuffled, grouped by
 * length, see {@link Batches}), one session run per batch, then score the validation pairs and keep
 * the weights of the best validation ROC AUC. Progress, logging and checkpoints are listeners; a
 * stop request ends the run after the current step.
 */
public final class Trainer {
  private final TrainConfig config;
  private final List<TrainingListener> listeners;
  private final BooleanSupplier stopRequested;
  private final int checkpointEverySteps;

  /**
   * @param listeners called in this order at each event
   * @param stopRequested polled after each step: true ends the run after that step
   * @param checkpointEverySteps offer a checkpoint ({@link TrainingListener#onCheckpoint}) every
   *     this many steps as well as at each epoch end; 0 = only at epoch ends
   */
  public Trainer(
      TrainConfig config,
      List<TrainingListener> listeners,
      BooleanSupplier stopRequested,
      int checkpointEverySteps) {
    if (checkpointEverySteps < 0) {
      throw new IllegalArgumentException(
          "checkpointEverySteps must be >= 0, found " + checkpointEverySteps);
    }
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.stopRequested = stopRequested;
    this.checkpointEverySteps = checkpointEverySteps;
  }

  /** A trainer without listeners that runs to the end. */
  public Trainer(TrainConfig config) {
    this(config, List.of(), () -> false, 0);
  }

  /**
   * Trains from {@code start} (fresh weights or a checkpoint) on the Keras-style split of {@code
   * pairs}.
   */
  public TrainingResult train(List<Pair> pairs, TrainState start) {
    Split split = Split.of(pairs, config.validationSplit());
    requireBothClasses(split.training(), "training");
    if (split.validation().isEmpty()) {
      throw new UserException(
          pairs.size()
              + " pairs leave no validation pairs with validation split "
              + config.validationSplit());
    }
    List<Pair> training = split.training();
    int steps = (training.size() + config.batchSize() - 1) / config.batchSize();
    TrainState state = start;
    var kept = new KeptDistances();
    try (TrainingSession session =
        new TrainingSession(
            config, start.weights(), start.optimizer(), (long) steps * config.epochs())) {
      boolean interrupted = false;
      while (state.epochsDone() < config.epochs() && !patienceExhausted(state)) {
        int epoch = state.epochsDone() + 1;
        int[] order = Batches.order(training, config, epoch);
        for (TrainingListener l : listeners) {
          l.onEpochStart(epoch, config.epochs(), steps);
        }
        double lossSum = state.epochLossSum();
        long seen = state.epochPairs();
        long started = System.nanoTime();
        for (int step = state.stepInEpoch() + 1; step <= steps; step++) {
          List<Pair> batch = batch(training, order, step - 1);
          StepResult r = session.step(batch);
          if (!r.finite()) {
            throw diverged(epoch, step, steps, batch, r);
          }
          lossSum += (double) r.loss() * batch.size();
          seen += batch.size();
          double runningLoss = lossSum / seen;
          for (TrainingListener l : listeners) {
            l.onStep(epoch, step, steps, runningLoss);
          }
          if (TestHook.active()) {
            TestHook.pause("train.step." + epoch + "." + step, "");
          }
          boolean stop = stopRequested.getAsBoolean();
          if (step < steps
              && (stop || (checkpointEverySteps > 0 && step % checkpointEverySteps == 0))) {
            state =
                new TrainState(
                    state.epochsDone(),
                    step,
                    session.weights(),
                    session.optimizerState(),
                    state.best(),
                    state.bestEpoch(),
                    state.history(),
                    lossSum,
                    seen,
                    state.epochSeconds() + seconds(started));
            if (!stop) {
              checkpoint(state);
            }
          }
          if (stop && step < steps) {
            interrupted = true;
            break;
          }
        }
        if (interrupted) {
          break;
        }
        state =
            endEpoch(
                session,
                state,
                split.validation(),
                kept,
                epoch,
                lossSum / seen,
                state.epochSeconds() + seconds(started));
        checkpoint(state);
        if (stopRequested.getAsBoolean() && state.epochsDone() < config.epochs()) {
          interrupted = true;
          break;
        }
      }
      if (state.best() == null) {
        // Interrupted inside the first epoch: nothing to export yet, only a state to resume from.
        return new TrainingResult(
            null, 0, List.of(), split.validation(), new float[0], true, state);
      }
      float[] distances =
          kept.epoch == state.bestEpoch()
              ? kept.distances
              : bestDistances(state, split.validation());
      return new TrainingResult(
          state.best(),
          state.bestEpoch(),
          state.history(),
          split.validation(),
          distances,
          interrupted,
          state);
    }
  }

  private TrainState endEpoch(
      TrainingSession session,
      TrainState state,
      List<Pair> validation,
      KeptDistances kept,
      int epoch,
      double loss,
      double seconds) {
    ModelWeights weights = session.weights();
    if (!weights.allFinite()) {
      throw new DivergenceException(
          String.format(
              Locale.ROOT,
              "training diverged in epoch %d: a weight became non-finite. Nothing was exported. Try"
                  + " a smaller learning rate (now %s).",
              epoch,
              config.learningRate()),
          epoch,
          0);
    }
    float[] d = session.distances(validation);
    int[] labels = validation.stream().mapToInt(Pair::label).toArray();
    ThresholdStats bestF1 = BinaryMetrics.bestF1(d, labels);
    var metrics =
        new EpochMetrics(
            epoch,
            loss,
            BinaryMetrics.meanBce(d, labels),
            BinaryMetrics.accuracy(d, labels, BinaryMetrics.DECISION_THRESHOLD),
            BinaryMetrics.rocAuc(d, labels),
            seconds,
            bestF1.threshold(),
            bestF1.f1(),
            bestF1.accuracy());
    boolean best =
        state.best() == null || isBetter(metrics, state.history().get(state.bestEpoch() - 1));
    var history = new java.util.ArrayList<>(state.history());
    history.add(metrics);
    if (best) {
      kept.epoch = epoch;
      kept.distances = d;
    }
    for (TrainingListener l : listeners) {
      l.onEpochEnd(metrics, best);
    }
    return new TrainState(
        epoch,
        0,
        weights,
        session.optimizerState(),
        best ? weights : state.best(),
        best ? epoch : state.bestEpoch(),
        history,
        0,
        0,
        0);
  }

  private void checkpoint(TrainState state) {
    for (TrainingListener l : listeners) {
      l.onCheckpoint(state);
    }
  }

  /** Higher validation AUC wins; on a tie, lower validation loss. */
  private static boolean isBetter(EpochMetrics candidate, EpochMetrics best) {
    if (candidate.valAuc() != best.valAuc()) {
      return candidate.valAuc() > best.valAuc();
    }
    return candidate.valLoss() < best.valLoss();
  }

  private boolean patienceExhausted(TrainState state) {
    return config.patience() > 0
        && state.stepInEpoch() == 0
        && state.epochsDone() - state.bestEpoch() >= config.patience();
  }

  /**
   * The validation distances of the best epoch, when this run scored that epoch: the same chunks of
   * the same pairs through the same forward ops on the same weights as {@link #bestDistances}, so
   * the same floats, without building a second session (about 0.5 s of the default run). A run
   * resumed after its best epoch has none and scores the kept weights again.
   */
  private static final class KeptDistances {
    int epoch;
    float[] distances;
  }

  private float[] bestDistances(TrainState state, List<Pair> validation) {
    try (TrainingSession s = new TrainingSession(config, state.best(), OptimizerState.fresh(), 0)) {
      return s.distances(validation);
    }
  }

  private List<Pair> batch(List<Pair> training, int[] order, int index) {
    int from = index * config.batchSize();
    int to = Math.min(training.size(), from + config.batchSize());
    var batch = new java.util.ArrayList<Pair>(to - from);
    for (int i = from; i < to; i++) {
      batch.add(training.get(order[i]));
    }
    return batch;
  }

  /** The plain shuffle of {@link Batches#shuffle}. */
  static int[] shuffle(int n, long seed, int epoch) {
    return Batches.shuffle(n, seed, epoch);
  }

  private DivergenceException diverged(
      int epoch, int step, int steps, List<Pair> batch, StepResult r) {
    int offending = -1;
    for (int i = 0; i < r.pairLosses().length && offending < 0; i++) {
      if (!Float.isFinite(r.pairLosses()[i])) {
        offending = i;
      }
    }
    // With every pair's loss finite the gradient of the whole batch overflowed: name the batch, not
    // a pair.
    String where = offending >= 0 ? "on the pair" : "in the batch starting with the pair";
    Pair p = batch.get(Math.max(offending, 0));
    String what =
        Float.isFinite(r.loss())
            ? "the gradient became " + r.gradientNormSquared()
            : "the loss became " + r.loss();
    return new DivergenceException(
        String.format(
            Locale.ROOT,
            "training diverged in epoch %d at step %d/%d: %s %s (\"%s\", \"%s\", label %d). Nothing"
                + " was exported. Try a smaller learning rate (now %s), the adam optimizer, or"
                + " check that pair's strings.",
            epoch,
            step,
            steps,
            what,
            where,
            Texts.abbreviate(p.left()),
            Texts.abbreviate(p.right()),
            p.label(),
            config.learningRate()),
        epoch,
        step);
  }

  private static void requireBothClasses(List<Pair> pairs, String part) {
    long similar = pairs.stream().filter(p -> p.label() == 1).count();
    if (similar == 0 || similar == pairs.size()) {
      throw new UserException(
          String.format(
              Locale.ROOT,
              "the %s pairs hold only label %d (%d pairs): the model needs both similar (1) and"
                  + " dissimilar (0) pairs to learn a distance. Add pairs of the other class.",
              part,
              similar == 0 ? 0 : 1,
              pairs.size()));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
