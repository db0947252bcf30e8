package org.siameseangular.train;

/**
 * One training step's numbers: the mean loss, each pair's loss, and the squared global gradient
 * norm.
 */
public record StepResult(float loss, float[] pairLosses, float gradientNormSquared) {
  public boolean finite() {
    return Float.isFinite(loss) && Float.isFinite(gradientNormSquared);
  }
}
