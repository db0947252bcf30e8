package org.siameseangular.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.siameseangular.train.EpochMetrics;

/**
 * Test fixture run in its own JVM by {@link ChartsTest}: writes the loss chart of {@link #HISTORY}
 * as an 800 x 500 PNG to {@code args[0]}. Its own JVM, because AWT decides once per JVM whether it
 * is headless, the first time an AWT class asks (even {@code new java.awt.Color}); so nothing here
 * touches AWT before {@link Charts} does.
 */
public final class LossChartProgram {
  static final List<EpochMetrics> HISTORY =
      List.of(
          new EpochMetrics(1, 0.69, 0.65, 0.6, 0.7, 10),
          new EpochMetrics(2, 0.5, 0.52, 0.7, 0.8, 9),
          new EpochMetrics(3, 0.4, 0.45, 0.8, 0.9, 9));

  private LossChartProgram() {}

  public static void main(String[] args) throws Exception {
    Files.write(Path.of(args[0]), Charts.toPng(Charts.lossChart(HISTORY), 800, 500));
  }
}
