package org.siameseangular.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.siameseangular.io.AtomicFiles;
import org.siameseangular.io.Decimals;
import org.siameseangular.train.EpochMetrics;

/** Writes training history as CSV, atomically. */
public final class HistoryFiles {

  /**
   * CSV header: the column names of a Keras {@code History}, then the validation metrics at each
   * epoch's best-F1 threshold.
   */
  public static final String CSV_HEADER =
      "epoch,loss,val_loss,val_accuracy,val_auc,seconds,val_threshold,val_f1,val_threshold_accuracy";

  private HistoryFiles() {}

  /**
   * Writes one row per epoch under {@link #CSV_HEADER}. Numbers are plain decimals that read back
   * exactly ({@link Decimals#format(double)}), whatever the locale; undefined values are {@code
   * NaN}.
   */
  public static void writeCsv(Path file, List<EpochMetrics> history) throws IOException {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (EpochMetrics m : history) {
      csv.append(m.epoch());
      for (double v :
          new double[] {
            m.loss(),
            m.valLoss(),
            m.valAccuracy(),
            m.valAuc(),
            m.seconds(),
            m.valThreshold(),
            m.valF1(),
            m.valThresholdAccuracy()
          }) {
        csv.append(',').append(Decimals.format(v));
      }
      csv.append('\n');
    }
    AtomicFiles.writeString(file, csv.toString());
  }
}
