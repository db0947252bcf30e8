package org.siameseangular.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.siameseangular.io.AtomicFiles;
import org.siameseangular.train.EpochMetrics;

/** Writes training history as CSV, atomically. */
public final class HistoryFiles {

  /** CSV header, with the column names of a Keras {@code History}. */
  public static final String CSV_HEADER = "epoch,loss,val_loss,val_accuracy,val_auc,seconds";

  private HistoryFiles() {}

  /**
   * Writes one row per epoch under {@link #CSV_HEADER}. Numbers use {@link Double#toString}, which
   * is locale-independent and round-trips exactly; undefined values are written as {@code NaN}.
   */
  public static void writeCsv(Path file, List<EpochMetrics> history) throws IOException {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (EpochMetrics m : history) {
      csv.append(m.epoch())
          .append(',')
          .append(m.loss())
          .append(',')
          .append(m.valLoss())
          .append(',')
          .append(m.valAccuracy())
          .append(',')
          .append(m.valAuc())
          .append(',')
          .append(m.seconds())
          .append('\n');
    }
    AtomicFiles.writeString(file, csv.toString());
  }
}
