package org.siameseangular.train;

import org.siameseangular.data.PublicApi;
import org.siameseangular.graph.ModelSpec;

/**
 * How to train: the model's shape and the optimisation settings. Validated on construction; start
 * from {@link #defaults()} and change what differs, e.g. {@code
 * TrainConfig.defaults().withUnits(6).withEpochs(3)}.
 *
 * <p>Progress, checkpoints and stopping are not settings of the run but observers of it: they are
 * {@link TrainingListener}s given to the {@link Trainer}. A config is plain data, so a checkpoint
 * stores it and a resumed run compares it.
 *
 * @param spec the model (units, in-graph input scaling, cosine clip)
 * @param optimizer sgd or adam
 * @param learningRate the step size, > 0 and finite in float32
 * @param epochs the most epochs to run, >= 1
 * @param batchSize pairs per step, >= 1
 * @param seed seeds the initial weights and each epoch's shuffle
 * @param validationSplit the fraction of pairs, taken from the end before shuffling (Keras's {@code
 *     validation_split}), used for validation; in (0, 1)
 * @param patience stop after this many epochs without a better validation AUC; 0 = never stop
 *     early. The weights of the best epoch are the ones kept either way.
 */
@PublicApi
public record TrainConfig(
    ModelSpec spec,
    Optimizer optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    double validationSplit,
    int patience) {

  /** The defaults below were chosen by calibration runs on the embedded data (BENCHMARKS.md). */
  public static final Optimizer DEFAULT_OPTIMIZER = Optimizer.ADAM;

  public static final double DEFAULT_LEARNING_RATE = DEFAULT_OPTIMIZER.defaultLearningRate();
  public static final int DEFAULT_EPOCHS = 40;
  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final long DEFAULT_SEED = 42;

  /** As in the Keras original's {@code fit(validation_split=0.1)}. */
  public static final double DEFAULT_VALIDATION_SPLIT = 0.1;

  public static final int DEFAULT_PATIENCE = 10;

  public TrainConfig {
    if (spec == null || optimizer == null) {
      throw new IllegalArgumentException("spec and optimizer are required");
    }
    // The graph holds the rate as a float32 constant: above Float.MAX_VALUE it would be +Infinity.
    if (!(learningRate > 0) || !(learningRate <= Float.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "learning rate must be a finite float32 number > 0 (at most 3.4e38), found "
              + learningRate);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
    }
    if (!(validationSplit > 0 && validationSplit < 1)) {
      throw new IllegalArgumentException(
          "validation split must be in (0, 1), found " + validationSplit);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, found " + patience);
    }
  }

  /** The project's defaults, which reach validation ROC AUC >= 0.98 on the embedded data. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        ModelSpec.withUnits(ModelSpec.DEFAULT_UNITS),
        DEFAULT_OPTIMIZER,
        DEFAULT_LEARNING_RATE,
        DEFAULT_EPOCHS,
        DEFAULT_BATCH_SIZE,
        DEFAULT_SEED,
        DEFAULT_VALIDATION_SPLIT,
        DEFAULT_PATIENCE);
  }

  public TrainConfig withSpec(ModelSpec spec) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  /** The spec's units changed; its input scaling and clip kept. */
  public TrainConfig withUnits(int units) {
    return withSpec(
        new ModelSpec(units, spec.inputCenter(), spec.inputScale(), spec.clipEpsilon()));
  }

  /**
   * The optimizer changed; the learning rate kept (pair it with {@link
   * Optimizer#defaultLearningRate} unless a rate is chosen).
   */
  public TrainConfig withOptimizer(Optimizer optimizer) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withLearningRate(double learningRate) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withEpochs(int epochs) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withBatchSize(int batchSize) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withSeed(long seed) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withValidationSplit(double validationSplit) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }

  public TrainConfig withPatience(int patience) {
    return new TrainConfig(
        spec, optimizer, learningRate, epochs, batchSize, seed, validationSplit, patience);
  }
}
