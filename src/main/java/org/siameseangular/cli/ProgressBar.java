package org.siameseangular.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.TrainingListener;

/**
 * Keras-like progress on stderr: a bar redrawn in place while an epoch runs (only on a terminal, at
 * most every 100 ms), and one summary line per epoch. Silent with {@code --quiet}.
 */
final class ProgressBar implements TrainingListener {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean quiet;
  private final boolean terminal;
  private long epochStart;
  private long lastDraw;
  private int epochs;
  private int epoch;

  ProgressBar(PrintStream err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    this.epochs = epochs;
    this.epoch = epoch;
    epochStart = System.nanoTime();
    lastDraw = 0;
  }

  @Override
  public void onStep(int epoch, int step, int steps, double runningLoss) {
    if (quiet || !terminal) {
      return;
    }
    long now = System.nanoTime();
    if (step < steps && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double elapsed = (now - epochStart) / 1e9;
    double eta = step == 0 ? 0 : elapsed / step * (steps - step);
    String bar = bar(step, steps);
    err.printf(
        Locale.ROOT,
        "\rEpoch %d/%d %d/%d [%s] - ETA %.0fs - loss: %.4f ",
        this.epoch,
        epochs,
        step,
        steps,
        bar,
        eta,
        runningLoss);
    err.flush();
  }

  /** A bar of {@value #WIDTH} characters, {@code ===>....}, for {@code done} of {@code total}. */
  static String bar(long done, long total) {
    int filled = (int) (WIDTH * done / Math.max(1, total));
    return "=".repeat(Math.max(0, filled - 1))
        + (filled < WIDTH ? ">" : "=")
        + ".".repeat(WIDTH - filled);
  }

  @Override
  public void onEpochEnd(EpochMetrics m, boolean best) {
    if (quiet) {
      return;
    }
    if (terminal) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
    }
    err.println(epochLine(m, epochs, best));
  }

  /**
   * The summary of an epoch: AUC first (it needs no threshold), then F1 and accuracy at the epoch's
   * best-F1 threshold (the one an export stores), then Keras's accuracy at 0.5, each naming its
   * threshold.
   */
  static String epochLine(EpochMetrics m, int epochs, boolean best) {
    String atThreshold =
        Double.isNaN(m.valThreshold())
            ? ""
            : String.format(
                Locale.ROOT,
                " - at the val best-F1 threshold %.4f: val_f1 %.4f, val_accuracy %.4f",
                m.valThreshold(),
                m.valF1(),
                m.valThresholdAccuracy());
    return String.format(
        Locale.ROOT,
        "Epoch %d/%d - %.1fs - loss: %.4f - val_loss: %.4f - val_auc: %.4f%s - at 0.5:"
            + " val_accuracy %.4f%s",
        m.epoch(),
        epochs,
        m.seconds(),
        m.loss(),
        m.valLoss(),
        m.valAuc(),
        atThreshold,
        m.valAccuracy(),
        best ? " (best)" : "");
  }
}
