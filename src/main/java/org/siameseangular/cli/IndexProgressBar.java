package org.siameseangular.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.siameseangular.match.IndexProgress;
import org.siameseangular.workflow.MatchRun;

/**
 * Progress of an index build on stderr, for stages that take more than a second: on a terminal a
 * bar redrawn in place (at most every 100 ms, as {@link ProgressBar} draws it) that stays as the
 * stage's last line; elsewhere one line when such a stage ends. Notes are printed as they come.
 * Silent but for the notes with {@code --quiet}.
 */
final class IndexProgressBar implements MatchRun.Listener {
  /** Stages shorter than this draw nothing. */
  private static final long SHOW_AFTER_NANOS = 1_000_000_000L;

  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean quiet;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private IndexProgress.Stage stage;
  private long start;
  private long lastDraw;
  private boolean drawn;

  IndexProgressBar(PrintStream err, boolean quiet, boolean terminal) {
    this(err, quiet, terminal, System::nanoTime);
  }

  /** With the clock given (tests). */
  IndexProgressBar(PrintStream err, boolean quiet, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void update(IndexProgress.Stage stage, long done, long total) {
    long now = nanoTime.getAsLong();
    if (stage != this.stage) {
      this.stage = stage;
      start = now;
      lastDraw = 0;
      drawn = false;
    }
    if (quiet) {
      return;
    }
    long elapsed = now - start;
    boolean last = done >= total;
    if (terminal && elapsed >= SHOW_AFTER_NANOS && (last || now - lastDraw >= REDRAW_NANOS)) {
      lastDraw = now;
      drawn = true;
      double seconds = elapsed / 1e9;
      String tail =
          last
              ? String.format(Locale.ROOT, "%.1f s", seconds)
              : String.format(
                  Locale.ROOT, "ETA %.0f s", done == 0 ? 0 : seconds / done * (total - done));
      err.printf(
          Locale.ROOT,
          "\r%s %,d/%,d [%s] %s ",
          name(stage),
          done,
          total,
          ProgressBar.bar(done, total),
          tail);
      err.flush();
    }
    if (last) {
      if (drawn) {
        err.println();
      } else if (elapsed >= SHOW_AFTER_NANOS) {
        err.printf(Locale.ROOT, "%s: %,d in %.1f s%n", name(stage), total, elapsed / 1e9);
      }
      drawn = false;
    }
  }

  @Override
  public synchronized void note(String message) {
    if (drawn) {
      err.println();
      drawn = false;
    }
    err.println(message);
    err.flush();
  }

  private static String name(IndexProgress.Stage stage) {
    return switch (stage) {
      case EMBEDDING -> "embedding candidates";
      case LINKING -> "linking the HNSW graph";
    };
  }
}
