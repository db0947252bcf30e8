package org.siameseangular.match;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts work done from several threads and tells an {@link IndexProgress} about every thousandth
 * of it.
 */
final class ProgressCounter {
  private final IndexProgress.Stage stage;
  private final long total;
  private final IndexProgress listener;
  private final AtomicLong done = new AtomicLong();
  private final long step;
  private volatile long reported = -1;

  ProgressCounter(IndexProgress.Stage stage, long total, IndexProgress listener) {
    this.stage = stage;
    this.total = total;
    this.listener = listener;
    this.step = Math.max(1, total / 1000);
  }

  void add(long delta) {
    advanceTo(done.addAndGet(delta));
  }

  /** Records that {@code value} units are done, if that is more than before. */
  void advanceTo(long value) {
    long now = done.accumulateAndGet(Math.min(value, total), Math::max);
    if (now == total || now - reported >= step) {
      report();
    }
  }

  /** Reports the stage as complete. */
  void finish() {
    done.set(total);
    report();
  }

  private synchronized void report() {
    long now = done.get();
    if (now > reported) {
      reported = now;
      listener.update(stage, now, total);
    }
  }
}
