package org.siameseangular.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The optimizers, with Keras 3's default hyper-parameters (keras/src/optimizers/sgd.py, adam.py),
 * and this project's default learning rate for each: one per optimizer, whichever way it is chosen.
 */
public enum Optimizer {
  /** {@code w -= lr * g}; Keras SGD() with momentum 0; learning rate Keras's 0.01. */
  SGD(0.01, 0.01),
  /**
   * Adam as Keras 3 computes it: {@code m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); w -= lr
   * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}, with b1 = 0.9, b2 = 0.999, eps = 1e-7.
   * Learning rate 0.01, ten times Keras's 0.001: chosen by calibration runs on the embedded data at
   * the default batch of 256 (docs/encoding-calibration.md; 0.02 was worse; at batch 32, 0.005 did
   * as well), where 0.001 needs several times more epochs for the same validation AUC.
   */
  ADAM(0.001, 0.01);

  public static final double ADAM_BETA_1 = 0.9;
  public static final double ADAM_BETA_2 = 0.999;

  /** Keras's Adam epsilon; tensorflow-framework's Adam uses 1e-8. */
  public static final double ADAM_EPSILON = 1e-7;

  private final double kerasLearningRate;
  private final double defaultLearningRate;

  Optimizer(double kerasLearningRate, double defaultLearningRate) {
    this.kerasLearningRate = kerasLearningRate;
    this.defaultLearningRate = defaultLearningRate;
  }

  /** Keras's default learning rate for this optimizer. */
  public double kerasLearningRate() {
    return kerasLearningRate;
  }

  /** This project's default learning rate for this optimizer ({@code train} without one). */
  public double defaultLearningRate() {
    return defaultLearningRate;
  }

  /** The name in files, metadata and options: {@code sgd} or {@code adam}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code sgd} or {@code adam}, any case. */
  @JsonCreator
  public static Optimizer parse(String name) {
    for (Optimizer o : values()) {
      if (o.id().equalsIgnoreCase(name.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; expected sgd or adam");
  }
}
