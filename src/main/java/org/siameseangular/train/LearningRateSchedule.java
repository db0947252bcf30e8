package org.siameseangular.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the learning rate moves over a run. Step {@code t} counts from 0 over every step of every
 * epoch of the run ({@code total} = epochs x steps per epoch), so a resumed run continues the same
 * curve.
 */
public enum LearningRateSchedule {
  /** The same rate at every step (Keras's default; the training-parity checks use it). */
  CONSTANT,
  /**
   * Cosine decay to {@link #COSINE_FLOOR} of the rate by the last step: {@code lr * (a + (1 - a) *
   * (1 + cos(pi * t / total)) / 2)}, Keras's {@code CosineDecay(lr, total, alpha=a)}
   * (keras/src/optimizers/schedules/learning_rate_schedule.py). On the default data the constant
   * Adam rate makes the validation AUC jump from epoch to epoch and the run stop early at a lucky
   * epoch; the decay makes it rise steadily to the last epochs (docs/encoding-calibration.md).
   */
  COSINE;

  /** The cosine decay ends at 5 % of the rate (Keras's {@code alpha}). */
  public static final double COSINE_FLOOR = 0.05;

  /** The rate at 0-based step {@code t} of {@code total}. */
  public double at(double learningRate, long t, long total) {
    if (this == CONSTANT || total <= 0) {
      return learningRate;
    }
    double progress = Math.min(1.0, (double) t / total);
    return learningRate
        * (COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  /** The name used on the command line and in JSON. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The schedule named {@code id}, e.g. {@code cosine}. */
  @JsonCreator
  public static LearningRateSchedule of(String id) {
    for (LearningRateSchedule s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "learning-rate schedule must be constant or cosine, found '" + id + "'");
  }
}
