package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.RocPoint;
import org.siameseangular.train.EpochMetrics;

class ChartsTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** The two series' colours in {@link Charts} (matplotlib's first two). */
  private static final Color MODEL = new Color(0x1f, 0x77, 0xb4);

  private static final Color OTHER = new Color(0xff, 0x7f, 0x0e);

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

  /** Pixels of exactly {@code color} inside {@code chart}'s data area, as drawn at w x h. */
  private static int pixelsInPlot(BufferedImage image, JFreeChart chart, Color color) {
    var info = new ChartRenderingInfo();
    chart.createBufferedImage(image.getWidth(), image.getHeight(), info);
    Rectangle area = info.getPlotInfo().getDataArea().getBounds();
    int n = 0;
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        n += (image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * In a JVM that was told nothing about headless mode and whose DISPLAY names no X server (a
   * server, a CI runner, an ssh session with a stale DISPLAY), the charts still render: AWT would
   * otherwise fail to connect. The PNG decodes at the requested size with both series drawn in the
   * plot.
   */
  @Test
  void rendersInAJvmWhoseDisplayCannotBeReached() throws Exception {
    Path png = dir.resolve("child-loss.png");
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LossChartProgram.class.getName(),
                png.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile());
    builder.environment().put("DISPLAY", ":97"); // no X server listens there
    Process child = builder.start();
    // A timeout only turns a hang into a failure; it is no speed limit.
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
    JFreeChart same = Charts.lossChart(LossChartProgram.HISTORY);
    assertThat(pixelsInPlot(image, same, MODEL)).as("the loss series").isPositive();
    assertThat(pixelsInPlot(image, same, OTHER)).as("the validation loss series").isPositive();
  }

  @Test
  void lossChartIsAPngOfTheRequestedSizeWithBothSeriesInThePlot() throws IOException {
    JFreeChart chart = Charts.lossChart(HISTORY);
    BufferedImage image = render(chart, "loss.png", 800, 500);
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
    assertThat(pixelsInPlot(image, chart, MODEL)).as("the loss series").isPositive();
    assertThat(pixelsInPlot(image, chart, OTHER)).as("the validation loss series").isPositive();
  }

  @Test
  void aChartWithoutDataHasNeitherSeriesColourInThePlot() throws IOException {
    // The check above can fail: with no points, only the legend shows the colours.
    JFreeChart chart = Charts.lossChart(List.of());
    BufferedImage image = render(chart, "empty.png", 800, 500);
    assertThat(pixelsInPlot(image, chart, MODEL)).isZero();
    assertThat(pixelsInPlot(image, chart, OTHER)).isZero();
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
