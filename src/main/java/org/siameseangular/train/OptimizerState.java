package org.siameseangular.train;

import java.util.Objects;

/**
 * What an optimizer carries between steps: the number of steps taken (Keras's {@code iterations})
 * and, for Adam, the first and second moments of each trainable variable, in the order of {@link
 * org.siameseangular.graph.SiameseGraph#trainableVariables()}: (the code-point table's m, v, for
 * the hashed encoding,) kernel m, kernel v, recurrent m, recurrent v, bias m, bias v. SGD has no
 * slots.
 */
public record OptimizerState(long iterations, float[][] slots) {
  public OptimizerState {
    Objects.requireNonNull(slots, "slots");
  }

  public static OptimizerState fresh() {
    return new OptimizerState(0, new float[0][]);
  }
}
