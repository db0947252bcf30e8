package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.Pair;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.RocPoint;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.train.EpochMetrics;

/** The report leads with AUC and the metrics at the model's threshold, and labels its data. */
class ReportHeadlinesTest {
  private static final List<EpochMetrics> HISTORY =
      List.of(
          new EpochMetrics(1, 0.7, 0.68, 0.55, 0.6, 3.5, 0.41, 0.7, 0.72),
          new EpochMetrics(2, 0.6, 0.61, 0.65, 0.75, 3.25, 0.38, 0.8, 0.81),
          new EpochMetrics(3, 0.55, 0.63, 0.66, 0.74, 3.0, 0.37, 0.79, 0.8));

  @TempDir Path dir;

  /** n pairs, alternately similar (distance rising from 0.1) and dissimilar (from 0.3). */
  private static ScoredPairs scored(int n) {
    List<Pair> pairs = new ArrayList<>();
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      boolean similar = i % 2 == 0;
      pairs.add(new Pair("word" + i, similar ? "word" + i + "s" : "other" + i, similar ? 1 : 0));
      d[i] = (similar ? 0.1f : 0.3f) + 0.5f * i / n;
    }
    return ScoredPairs.of(pairs, d);
  }

  private static ReportInput input(ScoredPairs scored, Double threshold) {
    return new ReportInput(
        "report",
        HISTORY,
        scored,
        Evaluation.of(scored, List.of(), threshold),
        Map.of(),
        "the validation split: the last 10 % of the pairs, never trained on",
        2,
        "best F1 on the validation split (" + scored.pairs().size() + " pairs)");
  }

  private String html(ReportInput input) throws IOException {
    TrainingReport.write(dir, input);
    return Files.readString(dir.resolve("report.html"));
  }

  @Test
  void theSummaryNamesTheValidationDataAndLeadsWithAucThenTheModelsThreshold() throws IOException {
    String html = html(input(scored(400), 0.35));
    String summary =
        html.substring(html.indexOf("<h2>Summary</h2>"), html.indexOf("<h2>Thresholds"));

    assertThat(summary)
        .contains("Measured on the validation split: the last 10 % of the pairs, never trained on")
        .contains("<td>ROC AUC</td>")
        .contains("<td>the model&#39;s 0.35 (best F1 on the validation split (400 pairs))</td>")
        .contains("<td>fixed 0.5</td>");
    assertThat(summary.indexOf("ROC AUC")).isLessThan(summary.indexOf("precision"));
    assertThat(summary.indexOf("the model&#39;s 0.35")).isLessThan(summary.indexOf("fixed 0.5"));
  }

  @Test
  void aThresholdChosenOnFewerThanTwoHundredPairsIsWarnedAbout() throws IOException {
    assertThat(html(input(scored(150), 0.35))).contains("chosen on only 150 pairs");
    assertThat(html(input(scored(200), 0.35))).doesNotContain("chosen on only");
  }

  @Test
  void thePrecisionTargetsAreInTheThresholdTableAndAPrecisionRecallChartIsWritten()
      throws IOException {
    String html = html(input(scored(400), 0.35));

    assertThat(html).contains("precision &gt;= 0.95, most recall").contains("precision &gt;= 0.99");
    assertThat(dir.resolve("precision-recall.png")).isNotEmptyFile();
  }

  @Test
  void theLossChartMarksTheBestEpoch() {
    JFreeChart chart = Charts.lossChart(HISTORY, 2);

    var markers = chart.getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
    assertThat(markers).hasSize(1);
    ValueMarker marker = (ValueMarker) markers.iterator().next();
    assertThat(marker.getValue()).isEqualTo(2.0);
    assertThat(marker.getLabel()).isEqualTo("best epoch 2 (weights kept)");
  }

  @Test
  void theQualityChartSaysWhichThresholdEachSeriesUses() {
    JFreeChart chart = Charts.qualityChart(HISTORY);

    List<Comparable<?>> keys = new ArrayList<>();
    for (int i = 0; i < chart.getXYPlot().getDataset().getSeriesCount(); i++) {
      keys.add(chart.getXYPlot().getDataset().getSeriesKey(i));
    }
    assertThat(keys)
        .containsExactly(
            "val_auc (no threshold)",
            "val_f1 at the best-F1 threshold",
            "val_accuracy at the best-F1 threshold",
            "val_accuracy at 0.5");
  }

  @Test
  void aPerfectEditDistanceCurveIsVisibleBesideAGoodModelOnTheRocChart() {
    // The model: AUC about 0.98, its curve close to the left and top edges; the baseline: AUC 1,
    // exactly on them.
    ScoredPairs s = scored(400);
    int[] labels = s.labels();
    float[] model = s.model().clone();
    for (int i = 0; i < 8; i++) {
      model[2 * i] = 0.95f; // a few similar pairs scored as far apart
    }
    float[] perfect = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      perfect[i] = labels[i] == 1 ? 0.1f : 0.9f;
    }
    Map<String, List<RocPoint>> baselines = new LinkedHashMap<>();
    baselines.put("Levenshtein", BinaryMetrics.rocCurve(perfect, labels));
    JFreeChart chart =
        Charts.rocChart(
            BinaryMetrics.rocCurve(model, labels), BinaryMetrics.rocAuc(model, labels), baselines);

    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = chart.createBufferedImage(Charts.WIDTH, Charts.HEIGHT, info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    int green = 0;
    for (int y = (int) area.getMinY() - 4; y <= area.getMaxY() + 4; y++) {
      for (int x = (int) area.getMinX() - 4; x <= area.getMaxX() + 4; x++) {
        if (close(new Color(image.getRGB(x, y)), new Color(0x2c, 0xa0, 0x2c))) {
          green++;
        }
      }
    }
    // The baseline runs up the left edge and along the top: drawn with dashes (6 on, 4 off) at
    // 2.5 px, at least a third of that length shows in its own colour.
    assertThat(green).isGreaterThan((int) ((area.getWidth() + area.getHeight()) / 3));
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed())
            + Math.abs(a.getGreen() - b.getGreen())
            + Math.abs(a.getBlue() - b.getBlue())
        < 60;
  }
}
