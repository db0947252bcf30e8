package org.siameseangular.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.siameseangular.eval.PrPoint;
import org.siameseangular.eval.RocPoint;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.train.EpochMetrics;

/**
 * Report charts drawn with JFreeChart in a headless JVM ({@code java.awt.headless} is set to true
 * unless already set when this class loads).
 */
public final class Charts {

  // First, before any AWT class is touched by the fields below.
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Default PNG width in pixels. */
  public static final int WIDTH = 800;

  /** Default PNG height in pixels. */
  public static final int HEIGHT = 500;

  /** Histogram bins over [0, 1]. */
  public static final int BINS = 40;

  private static final Color MODEL = new Color(0x1f, 0x77, 0xb4);
  private static final Color OTHER = new Color(0xff, 0x7f, 0x0e);
  private static final Color[] BASELINES = {
    new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd)
  };

  /** Colours of the marked points on the precision-recall chart. */
  private static final Color[] MARKS = {Color.BLACK, new Color(0xe3, 0x77, 0xc2)};

  private Charts() {}

  /** Training and validation loss per epoch. */
  public static JFreeChart lossChart(List<EpochMetrics> history) {
    return lossChart(history, 0);
  }

  /**
   * Training and validation loss per epoch, with a marker at {@code bestEpoch} (the epoch whose
   * weights were kept; 0 for none).
   */
  public static JFreeChart lossChart(List<EpochMetrics> history, int bestEpoch) {
    XYSeries loss = new XYSeries("loss (training pairs)");
    XYSeries valLoss = new XYSeries("val_loss (validation pairs)");
    for (EpochMetrics m : history) {
      loss.add(m.epoch(), m.loss());
      valLoss.add(m.epoch(), m.valLoss());
    }
    JFreeChart chart =
        epochChart("Loss (binary cross-entropy)", "loss", List.of(loss, valLoss), false);
    if (bestEpoch > 0) {
      ValueMarker marker =
          new ValueMarker(
              bestEpoch,
              Color.DARK_GRAY,
              new BasicStroke(
                  1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f));
      marker.setLabel("best epoch " + bestEpoch + " (weights kept)");
      marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      chart.getXYPlot().addDomainMarker(marker);
    }
    return chart;
  }

  /**
   * Validation quality per epoch, on [0, 1], each series naming its threshold: ROC AUC (none), F1
   * and accuracy at the epoch's best-F1 threshold (what an export of the epoch stores), and
   * accuracy at the fixed 0.5.
   */
  public static JFreeChart qualityChart(List<EpochMetrics> history) {
    XYSeries auc = new XYSeries("val_auc (no threshold)");
    XYSeries f1 = new XYSeries("val_f1 at the best-F1 threshold");
    XYSeries accuracy = new XYSeries("val_accuracy at the best-F1 threshold");
    XYSeries atHalf = new XYSeries("val_accuracy at 0.5");
    for (EpochMetrics m : history) {
      auc.add(m.epoch(), m.valAuc());
      f1.add(m.epoch(), m.valF1());
      accuracy.add(m.epoch(), m.valThresholdAccuracy());
      atHalf.add(m.epoch(), m.valAccuracy());
    }
    JFreeChart chart =
        epochChart(
            "Validation quality (validation pairs)",
            "value",
            List.of(auc, f1, accuracy, atHalf),
            true);
    var renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    renderer.setSeriesStroke(3, dashed(1.5f));
    return chart;
  }

  /**
   * Precision against recall for the model and each baseline, by threshold, with the model's points
   * at each of {@code marks} (e.g. the thresholds that keep precision at 0.95 and 0.99); their
   * legend keys give threshold and recall.
   *
   * @param marks legend text to the stats at that threshold, in order
   */
  public static JFreeChart precisionRecallChart(
      List<PrPoint> model,
      Map<String, List<PrPoint>> baselines,
      Map<String, ThresholdStats> marks) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(prSeries("model", model));
    for (Map.Entry<String, List<PrPoint>> baseline : baselines.entrySet()) {
      data.addSeries(prSeries(baseline.getKey(), baseline.getValue()));
    }
    int firstMark = data.getSeriesCount();
    for (Map.Entry<String, ThresholdStats> mark : marks.entrySet()) {
      XYSeries point = new XYSeries(mark.getKey());
      point.add(mark.getValue().recall(), mark.getValue().precision());
      data.addSeries(point);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, MODEL);
    renderer.setSeriesStroke(0, new BasicStroke(2.5f));
    for (int i = 1; i < firstMark; i++) {
      renderer.setSeriesPaint(i, BASELINES[(i - 1) % BASELINES.length]);
      renderer.setSeriesStroke(i, dashed(2f));
    }
    for (int i = firstMark; i < data.getSeriesCount(); i++) {
      renderer.setSeriesLinesVisible(i, false);
      renderer.setSeriesShapesVisible(i, true);
      renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
      renderer.setSeriesPaint(i, MARKS[(i - firstMark) % MARKS.length]);
    }
    XYPlot plot = new XYPlot(data, marginAxis("recall"), marginAxis("precision"), renderer);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    return finish(new JFreeChart("Precision and recall by threshold", titleFont(), plot, true));
  }

  /**
   * ROC curves of the model and of each baseline (legend keys carry the AUC), plus the chance
   * diagonal.
   */
  public static JFreeChart rocChart(
      List<RocPoint> model, double modelAuc, Map<String, List<RocPoint>> baselines) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(rocSeries("model (AUC " + formatAuc(modelAuc) + ")", model));
    for (Map.Entry<String, List<RocPoint>> baseline : baselines.entrySet()) {
      double auc = trapezoidArea(baseline.getValue());
      data.addSeries(
          rocSeries(baseline.getKey() + " (AUC " + formatAuc(auc) + ")", baseline.getValue()));
    }
    XYSeries chance = new XYSeries("chance (AUC 0.500)");
    chance.add(0, 0);
    chance.add(1, 1);
    data.addSeries(chance);

    // A perfect baseline (AUC 1) runs along the left and top edges of [0, 1]^2: the axes get a
    // margin and the baselines a dashed, wider line drawn over the model's, so both stay visible
    // where they coincide.
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, MODEL);
    renderer.setSeriesStroke(0, new BasicStroke(2.5f));
    for (int i = 1; i < data.getSeriesCount() - 1; i++) {
      renderer.setSeriesPaint(i, BASELINES[(i - 1) % BASELINES.length]);
      renderer.setSeriesStroke(i, dashed(2.5f));
    }
    int last = data.getSeriesCount() - 1;
    renderer.setSeriesPaint(last, Color.GRAY);
    renderer.setSeriesStroke(last, dashed(1f));
    XYPlot plot =
        new XYPlot(
            data, marginAxis("false positive rate"), marginAxis("true positive rate"), renderer);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    return finish(new JFreeChart("ROC curve (score = -distance)", titleFont(), plot, true));
  }

  /**
   * Overlaid histograms of the distance for similar and for dissimilar pairs ({@link #BINS} bins
   * over [0, 1], each normalised to the fraction of its class), with a marker at the threshold.
   * Distances outside [0, 1] are clamped into it.
   */
  public static JFreeChart histogramChart(float[] distances, int[] labels, double threshold) {
    if (distances.length != labels.length) {
      throw new IllegalArgumentException(
          "distances and labels differ in length: " + distances.length + " != " + labels.length);
    }
    int similar = 0;
    for (int label : labels) {
      similar += label == 1 ? 1 : 0;
    }
    double[] pos = new double[similar];
    double[] neg = new double[labels.length - similar];
    int p = 0;
    int q = 0;
    for (int i = 0; i < labels.length; i++) {
      double d = Math.min(Math.max(distances[i], 0.0), 1.0);
      if (labels[i] == 1) {
        pos[p++] = d;
      } else {
        neg[q++] = d;
      }
    }
    HistogramDataset data = new HistogramDataset();
    data.setType(HistogramType.RELATIVE_FREQUENCY);
    data.addSeries("similar pairs (" + pos.length + ")", pos, BINS, 0.0, 1.0);
    data.addSeries("dissimilar pairs (" + neg.length + ")", neg, BINS, 0.0, 1.0);

    XYBarRenderer renderer = new XYBarRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, new Color(MODEL.getRed(), MODEL.getGreen(), MODEL.getBlue(), 140));
    renderer.setSeriesPaint(1, new Color(OTHER.getRed(), OTHER.getGreen(), OTHER.getBlue(), 140));
    NumberAxis x = unitAxis("angular distance (0 = similar)");
    NumberAxis y = new NumberAxis("fraction of pairs of the class");
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    ValueMarker marker = new ValueMarker(threshold, Color.BLACK, new BasicStroke(1.5f));
    marker.setLabel(String.format(Locale.ROOT, "threshold %.3f", threshold));
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(marker);
    return finish(new JFreeChart("Distance by label", titleFont(), plot, true));
  }

  /** The chart as PNG bytes of the given size. */
  public static byte[] toPng(JFreeChart chart, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with an in-memory stream
    }
    return out.toByteArray();
  }

  /** AUC for a legend: three decimals, or "undefined" for NaN. */
  static String formatAuc(double auc) {
    return Double.isNaN(auc) ? "undefined" : String.format(Locale.ROOT, "%.3f", auc);
  }

  /** Trapezoid area under ROC points sorted by FPR; NaN for an empty curve. */
  static double trapezoidArea(List<RocPoint> curve) {
    if (curve.isEmpty()) {
      return Double.NaN;
    }
    double area = 0.0;
    for (int i = 1; i < curve.size(); i++) {
      RocPoint a = curve.get(i - 1);
      RocPoint b = curve.get(i);
      area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2.0;
    }
    return area;
  }

  private static XYSeries prSeries(String key, List<PrPoint> curve) {
    XYSeries series = new XYSeries(key, false, true);
    for (PrPoint point : curve) {
      series.add(point.recall(), point.precision());
    }
    return series;
  }

  private static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** [0, 1] with a 3 % margin, so that curves on the edges are not hidden by the plot's frame. */
  private static NumberAxis marginAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(-0.03, 1.03);
    return axis;
  }

  private static XYSeries rocSeries(String key, List<RocPoint> curve) {
    XYSeries series = new XYSeries(key, false, true);
    for (RocPoint point : curve) {
      series.add(point.fpr(), point.tpr());
    }
    return series;
  }

  private static JFreeChart epochChart(
      String title, String yLabel, List<XYSeries> series, boolean unitRange) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    Color[] colors = {MODEL, OTHER, BASELINES[0], Color.GRAY};
    for (int i = 0; i < series.size(); i++) {
      data.addSeries(series.get(i));
      renderer.setSeriesPaint(i, colors[i % colors.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    NumberAxis x = new NumberAxis("epoch");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = unitRange ? unitAxis(yLabel) : new NumberAxis(yLabel);
    if (!unitRange) {
      y.setAutoRangeIncludesZero(false);
    }
    return finish(new JFreeChart(title, titleFont(), new XYPlot(data, x, y, renderer), true));
  }

  private static NumberAxis unitAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(0.0, 1.0);
    return axis;
  }

  private static Font titleFont() {
    return new Font(Font.SANS_SERIF, Font.BOLD, 16);
  }

  private static JFreeChart finish(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    return chart;
  }
}
