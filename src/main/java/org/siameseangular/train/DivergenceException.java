package org.siameseangular.train;

import org.siameseangular.data.PublicApi;
import org.siameseangular.data.UserException;

/** Training produced a non-finite loss, gradient or weight; nothing was exported. */
@PublicApi
public final class DivergenceException extends UserException {
  private final int epoch;
  private final int step;

  /** Divergence in {@code epoch} at {@code step}, both counted as the message counts them. */
  public DivergenceException(String message, int epoch, int step) {
    super(message);
    this.epoch = epoch;
    this.step = step;
  }

  /** The epoch that diverged. */
  public int epoch() {
    return epoch;
  }

  /** The step within {@link #epoch()} that diverged. */
  public int step() {
    return step;
  }
}
