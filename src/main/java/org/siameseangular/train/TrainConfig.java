package org.siameseangular.train;

import org.siameseangular.data.PublicApi;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.Pooling;

/**
 * How to train: the model's shape and the optimisation settings. Validated on construction; start
 * from {@link #defaults()} and change what differs, e.g. {@code
 * TrainConfig.defaults().withUnits(6).withEpochs(3)}.
 *
 * <p>Progress, checkpoints and stopping are not settings of the run but observers of it: they are
 * {@link TrainingListener}s given to the {@link Trainer}. A config is plain data, so a checkpoint
 * stores it and a resumed run compares it.
 *
 * @param spec the model (units, input encoding, cosine clip, pooling)
 * @param optimizer sgd or adam
 * @param learningRate the step size, > 0 and finite in float32
 * @param epochs the most epochs to run, >= 1
 * @param batchSize pairs per step, >= 1
 * @param seed seeds the initial weights and each epoch's shuffle
 * @param validationSplit the fraction of pairs, taken from the end before shuffling (Keras's {@code
 *     validation_split}), used for validation; in (0, 1)
 * @param patience stop after this many epochs without a better validation AUC; 0 = never stop
 *     early. The weights of the best epoch are the ones kept either way.
 * @param lengthBuckets group pairs of similar length into batches (see {@link Batches}): the fused
 *     LSTM runs every row of a batch to the batch's longest string, so on names of mixed lengths
 *     this cuts the padded work several times; false = plain shuffled batches, as Keras's {@code
 *     fit}
 * @param schedule how the learning rate moves over the run; null = constant (as checkpoints written
 *     before schedules existed ran)
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
    int patience,
    boolean lengthBuckets,
    LearningRateSchedule schedule) {

  /**
   * The defaults below were chosen by calibration runs on the embedded data
   * (docs/encoding-calibration.md, "Phase 2" to "Phase 5"): batches of 256 grouped by length, 3
   * epochs with the rate decayed along a cosine (with the windows pooling, as good on the held-out
   * set as 4 or 5 for two seeds), so that the default run fits in a minute on 2 cores. Batch 256
   * beat 128 at equal epochs on the default data (validation AUC 0.908 against 0.902 after 12) and
   * costs less per epoch.
   */
  public static final Optimizer DEFAULT_OPTIMIZER = Optimizer.ADAM;

  public static final double DEFAULT_LEARNING_RATE = DEFAULT_OPTIMIZER.defaultLearningRate();
  public static final int DEFAULT_EPOCHS = 3;
  public static final int DEFAULT_BATCH_SIZE = 256;
  public static final long DEFAULT_SEED = 42;

  /** As in the Keras original's {@code fit(validation_split=0.1)}. */
  public static final double DEFAULT_VALIDATION_SPLIT = 0.1;

  /**
   * 0: the cosine-decayed default run goes through all its epochs (it gains most in the last ones,
   * at the lowest rates, after a plateau that patience 4 mistook for the end); the best epoch's
   * weights are kept either way.
   */
  public static final int DEFAULT_PATIENCE = 0;

  public static final boolean DEFAULT_LENGTH_BUCKETS = true;

  /** Cosine decay: the default run ends at its best rather than at a lucky epoch. */
  public static final LearningRateSchedule DEFAULT_SCHEDULE = LearningRateSchedule.COSINE;

  public TrainConfig {
    if (spec == null || optimizer == null) {
      throw new IllegalArgumentException("spec and optimizer are required");
    }
    if (schedule == null) {
      schedule = LearningRateSchedule.CONSTANT; // what runs and checkpoints before it existed did
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

  /** The project's defaults (see the constants). */
  public static TrainConfig defaults() {
    return new TrainConfig(
        ModelSpec.defaults(),
        DEFAULT_OPTIMIZER,
        DEFAULT_LEARNING_RATE,
        DEFAULT_EPOCHS,
        DEFAULT_BATCH_SIZE,
        DEFAULT_SEED,
        DEFAULT_VALIDATION_SPLIT,
        DEFAULT_PATIENCE,
        DEFAULT_LENGTH_BUCKETS,
        DEFAULT_SCHEDULE);
  }

  public TrainConfig withSpec(ModelSpec spec) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  /** The spec's units changed; its encoding and clip kept. */
  public TrainConfig withUnits(int units) {
    return withSpec(spec.resized(units));
  }

  /** The spec's encoding changed; its units, clip and pooling kept. */
  public TrainConfig withEncoding(InputEncoding encoding) {
    return withSpec(spec.encodedBy(encoding));
  }

  /** The spec's pooling changed; its units, encoding and clip kept. */
  public TrainConfig withPooling(Pooling pooling) {
    return withSpec(spec.pooledBy(pooling));
  }

  /**
   * The optimizer changed; the learning rate kept (pair it with {@link
   * Optimizer#defaultLearningRate} unless a rate is chosen).
   */
  public TrainConfig withOptimizer(Optimizer optimizer) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withLearningRate(double learningRate) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withEpochs(int epochs) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withBatchSize(int batchSize) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withSeed(long seed) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withValidationSplit(double validationSplit) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withPatience(int patience) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withLengthBuckets(boolean lengthBuckets) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }

  public TrainConfig withSchedule(LearningRateSchedule schedule) {
    return new TrainConfig(
        spec,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        validationSplit,
        patience,
        lengthBuckets,
        schedule);
  }
}
