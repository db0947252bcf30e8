package org.siameseangular.train;

import org.siameseangular.data.UserException;

/** Training produced a non-finite loss, gradient or weight; nothing was exported. */
public final class DivergenceException extends UserException {
  private final int epoch;
  private final int step;

  public DivergenceException(String message, int epoch, int step) {
    super(message);
    this.epoch = epoch;
    this.step = step;
  }

  public int epoch() {
    return epoch;
  }

  public int step() {
    return step;
  }
}
