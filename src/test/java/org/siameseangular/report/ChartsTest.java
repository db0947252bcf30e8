package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.RocPoint;
import org.siameseangular.train.EpochMetrics;

class ChartsTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static final List<EpochMetrics> HISTORY =
      List.of(
          new EpochMetrics(1, 0.69, 0.65, 0.6, 0.7, 10),
          new EpochMetrics(2, 0.5, 0.52, 0.7, Double.NaN, 9),
          new EpochMetrics(3, 0.4, 0.45, 0.8, 0.9, 9));

  private static final float[] DISTANCES = {0.05f, 0.2f, 0.45f, 0.5f, 0.7f, 0.95f, 1f, 0f};
  private static final int[] LABELS = {1, 1, 0, 1, 0, 0, 0, 1};

  @TempDir Path dir;

  private BufferedImage render(JFreeChart chart, String name, int w, int h) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, Charts.toPng(chart, w, h));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    return image;
  }

  @Test
  void rendersHeadless() {
    Charts.lossChart(HISTORY);
    assertThat(GraphicsEnvironment.isHeadless()).isTrue();
  }

  @Test
  void lossChartIsAPngOfTheRequestedSize() throws IOException {
    BufferedImage image = render(Charts.lossChart(HISTORY), "loss.png", 800, 500);
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
  }

  @Test
  void qualityChartToleratesAnUndefinedAuc() throws IOException {
    BufferedImage image = render(Charts.qualityChart(HISTORY), "quality.png", 640, 480);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
  }

  @Test
  void rocChartShowsModelBaselinesAndAucsInTheLegend() throws IOException {
    Map<String, List<RocPoint>> baselines = new LinkedHashMap<>();
    baselines.put(
        "Levenshtein", BinaryMetrics.rocCurve(new float[] {0.1f, 0.2f}, new int[] {0, 1}));
    // similar {0.05, 0.2, 0.5, 0} beat dissimilar {0.45, 0.7, 0.95, 1} in 15 of 16 pairs
    JFreeChart chart =
        Charts.rocChart(
            BinaryMetrics.rocCurve(DISTANCES, LABELS),
            BinaryMetrics.rocAuc(DISTANCES, LABELS),
            baselines);
    assertThat(chart.getXYPlot().getDataset().getSeriesKey(0)).isEqualTo("model (AUC 0.938)");
    assertThat(chart.getXYPlot().getDataset().getSeriesKey(1)).isEqualTo("Levenshtein (AUC 0.000)");
    BufferedImage image = render(chart, "roc.png", 800, 500);
    assertThat(image.getWidth()).isEqualTo(800);
  }

  @Test
  void histogramChartIsAPngOfTheRequestedSize() throws IOException {
    BufferedImage image =
        render(Charts.histogramChart(DISTANCES, LABELS, 0.5), "histogram.png", 800, 500);
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
  }

  @Test
  void histogramChartRendersWithOnlyOneClass() throws IOException {
    BufferedImage image =
        render(
            Charts.histogramChart(new float[] {0.1f, 0.3f}, new int[] {1, 1}, 0.5),
            "one-class.png",
            300,
            200);
    assertThat(image.getWidth()).isEqualTo(300);
  }
}
