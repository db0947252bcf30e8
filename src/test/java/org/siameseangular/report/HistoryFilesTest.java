package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.train.EpochMetrics;

class HistoryFilesTest {

  @TempDir Path dir;

  @Test
  void writesKerasStyleCsvIndependentOfTheDefaultLocale() throws IOException {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal comma, if anything used it
    try {
      Path file = dir.resolve("history.csv");
      HistoryFiles.writeCsv(
          file,
          List.of(
              new EpochMetrics(1, 0.5, 0.25, 0.75, 0.8, 12.5),
              new EpochMetrics(2, 0.125, 0.2, 0.875, Double.NaN, 11.0, 0.375, 0.9, 0.95),
              new EpochMetrics(3, 1e-5, 0.2, 0.875, 0.5, 11.0, 0.375, 0.9, 0.95)));
      assertThat(Files.readAllLines(file))
          .containsExactly(
              "epoch,loss,val_loss,val_accuracy,val_auc,seconds,val_threshold,val_f1,"
                  + "val_threshold_accuracy",
              "1,0.5,0.25,0.75,0.8,12.5,NaN,NaN,NaN",
              "2,0.125,0.2,0.875,NaN,11,0.375,0.9,0.95",
              "3,0.00001,0.2,0.875,0.5,11,0.375,0.9,0.95");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
