package org.siameseangular.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.PrPoint;
import org.siameseangular.eval.RocPoint;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.io.AtomicFiles;
import org.siameseangular.io.Decimals;
import org.siameseangular.io.JsonCodec;

/**
 * Writes a training or evaluation report into a directory: {@code loss.png} and {@code quality.png}
 * and {@code history.csv} (only with a history), {@code roc.png}, {@code precision-recall.png},
 * {@code distance-histogram.png}, {@code metrics.json} and a self-contained {@code report.html}
 * (charts embedded as base64 data: URIs, inline CSS, no scripts). Every file is written atomically.
 *
 * <p>The summary leads with the ROC AUC (no threshold) and the metrics at the threshold the model
 * is used with ({@link Evaluation#chosenThreshold}: the one stored with it); every number says
 * which threshold it uses. The histogram marker and the "most confident mistakes" use that
 * threshold, and a mistake's confidence is its distance from it.
 */
public final class TrainingReport {

  /** How many of the most confident mistakes the HTML report lists. */
  public static final int MISTAKES = 10;

  private TrainingReport() {}

  /** Writes all report files into {@code dir}, creating it if needed. */
  public static void write(Path dir, ReportInput input) throws IOException {
    Files.createDirectories(dir);
    ScoredPairs scored = input.scored();
    Evaluation evaluation = input.evaluation();
    int[] labels = scored.labels();
    Map<String, Supplier<JFreeChart>> plans = new LinkedHashMap<>();
    if (!input.history().isEmpty()) {
      plans.put("loss.png", () -> Charts.lossChart(input.history(), input.bestEpoch()));
      plans.put("quality.png", () -> Charts.qualityChart(input.history()));
      HistoryFiles.writeCsv(dir.resolve("history.csv"), input.history());
    }
    plans.put(
        "roc.png",
        () -> {
          Map<String, List<RocPoint>> baselineRoc = new LinkedHashMap<>();
          baselineRoc.put("Levenshtein", BinaryMetrics.rocCurve(scored.levenshtein(), labels));
          baselineRoc.put("Damerau (OSA)", BinaryMetrics.rocCurve(scored.damerau(), labels));
          return Charts.rocChart(
              BinaryMetrics.rocCurve(scored.model(), labels), evaluation.rocAuc(), baselineRoc);
        });
    Map<String, ThresholdStats> marks = new LinkedHashMap<>();
    for (var target : precisionTargets(evaluation).entrySet()) {
      if (target.getValue() != null) {
        marks.put(
            String.format(
                Locale.ROOT,
                "precision >= %s: threshold %s, recall %.3f",
                target.getKey(),
                Decimals.format(target.getValue().threshold()),
                target.getValue().recall()),
            target.getValue());
      }
    }
    plans.put(
        "precision-recall.png",
        () -> {
          Map<String, List<PrPoint>> baselinePr = new LinkedHashMap<>();
          baselinePr.put(
              "Levenshtein", BinaryMetrics.precisionRecallCurve(scored.levenshtein(), labels));
          baselinePr.put(
              "Damerau (OSA)", BinaryMetrics.precisionRecallCurve(scored.damerau(), labels));
          return Charts.precisionRecallChart(
              BinaryMetrics.precisionRecallCurve(scored.model(), labels), baselinePr, marks);
        });
    plans.put(
        "distance-histogram.png",
        () -> Charts.histogramChart(scored.model(), labels, evaluation.chosenThreshold()));
    Map<String, byte[]> charts = render(plans);
    for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
      AtomicFiles.write(dir.resolve(chart.getKey()), chart.getValue());
    }
    JsonCodec.writeFile(
        dir.resolve("metrics.json"),
        new MetricsFile(input.title(), evaluation, input.history().size(), input.facts()));
    AtomicFiles.writeString(dir.resolve("report.html"), html(input, evaluation, charts));
  }

  /** {@code metrics.json}: the evaluation's keys, plus the title, the epochs and the facts. */
  private record MetricsFile(
      String title, @JsonUnwrapped Evaluation evaluation, int epochs, Map<String, String> facts) {}

  /**
   * Builds and renders the charts, several at once (the five of a training report take about 2 s on
   * one core, most of it drawing and PNG encoding); each chart is built and drawn by one thread
   * from its own objects, so the bytes are those of drawing them one by one. In the order given.
   */
  private static Map<String, byte[]> render(Map<String, Supplier<JFreeChart>> plans) {
    List<String> names = List.copyOf(plans.keySet());
    List<byte[]> pngs = names.parallelStream().map(n -> png(plans.get(n).get())).toList();
    Map<String, byte[]> charts = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      charts.put(names.get(i), pngs.get(i));
    }
    return charts;
  }

  private static byte[] png(JFreeChart chart) {
    return Charts.toPng(chart, Charts.WIDTH, Charts.HEIGHT);
  }

  private static String html(ReportInput input, Evaluation s, Map<String, byte[]> charts) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<title>")
        .append(escape(input.title()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(input.title()))
        .append("</h1>\n");

    h.append("<h2>Facts</h2>\n");
    List<List<String>> facts = new ArrayList<>();
    input.facts().forEach((k, v) -> facts.add(List.of(k, v)));
    table(h, List.of("fact", "value"), facts);

    h.append("<h2>Summary</h2>\n<p>Measured on ")
        .append(escape(input.dataLabel()))
        .append(
            String.format(
                Locale.ROOT,
                " (%d similar, %d dissimilar).",
                s.similarPairs(),
                s.pairs() - s.similarPairs()))
        .append(" A pair is predicted similar iff its distance &lt; the threshold.</p>\n");
    ThresholdStats headline = s.headline();
    table(
        h,
        List.of("metric", "value", "threshold"),
        List.of(
            List.of("ROC AUC", number(s.rocAuc()), "none (all thresholds)"),
            List.of("precision", number(headline.precision()), headlineRule(input, s)),
            List.of("recall", number(headline.recall()), headlineRule(input, s)),
            List.of("F1", number(headline.f1()), headlineRule(input, s)),
            List.of("accuracy", number(headline.accuracy()), headlineRule(input, s)),
            List.of("accuracy", number(s.accuracy()), "fixed 0.5"),
            List.of("BCE loss", number(s.loss()), "none (the distances themselves)")));
    if (s.fewPairsForThresholds()) {
      h.append("<p class=\"warning\">Warning: the thresholds here were chosen on only ")
          .append(s.pairs())
          .append(" pairs (fewer than ")
          .append(Evaluation.MIN_THRESHOLD_PAIRS)
          .append("): they may be far from the best on new data, and the metrics at them are")
          .append(" optimistic. Use more labelled pairs.</p>\n");
    }

    h.append("<h2>Thresholds</h2>\n")
        .append("<p>A pair is predicted similar iff distance &lt; threshold. Each row but the")
        .append(" model's own is chosen on these pairs.</p>\n");
    List<List<String>> rows = new ArrayList<>();
    if (s.modelThreshold() != null) {
      rows.add(thresholdRow("stored with the model", s.modelThreshold()));
    }
    rows.add(thresholdRow("best F1", s.bestF1()));
    rows.add(thresholdRow("Youden (max TPR - FPR)", s.youden()));
    precisionTargets(s)
        .forEach(
            (target, stats) ->
                rows.add(
                    stats == null
                        ? List.of("precision >= " + target, "none reaches it", "", "", "", "")
                        : thresholdRow("precision >= " + target + ", most recall", stats)));
    rows.add(thresholdRow("fixed 0.5", s.atHalf()));
    table(h, List.of("rule", "threshold", "precision", "recall", "F1", "accuracy"), rows);

    h.append("<h2>Model against edit-distance baselines</h2>\n");
    table(
        h,
        List.of("scorer", "ROC AUC"),
        List.of(
            List.of("model", number(s.rocAuc())),
            List.of("normalised Levenshtein", number(s.levenshteinAuc())),
            List.of("normalised Damerau (OSA)", number(s.damerauAuc()))));

    h.append("<h2>Per kind</h2>\n")
        .append("<p>Each kind of similar pair against all dissimilar pairs of its set; kinds that")
        .append(" are not in the data above come from the hand-written hard-variations set.</p>\n");
    table(
        h,
        List.of("kind", "pairs", "model AUC", "Levenshtein AUC", "Damerau AUC"),
        s.perKind().stream()
            .map(
                k ->
                    List.of(
                        k.kind(),
                        Integer.toString(k.pairs()),
                        number(k.modelAuc()),
                        number(k.levenshteinAuc()),
                        number(k.damerauAuc())))
            .collect(Collectors.toList()));

    h.append("<h2>Charts</h2>\n<p>On ").append(escape(input.dataLabel())).append(".</p>\n");
    for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
      h.append("<figure><img alt=\"")
          .append(escape(chart.getKey()))
          .append("\" width=\"")
          .append(Charts.WIDTH)
          .append("\" height=\"")
          .append(Charts.HEIGHT)
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(chart.getValue()))
          .append("\"><figcaption>")
          .append(escape(chart.getKey()))
          .append("</figcaption></figure>\n");
    }

    h.append(
        "<h2>Most confident mistakes at the threshold "
            + escape(Decimals.format(s.chosenThreshold()))
            + " ("
            + escape(headlineRule(input, s))
            + ")</h2>\n");
    table(
        h,
        List.of("#", "label", "distance", "left", "right"),
        mistakes(input.scored(), s.chosenThreshold()));
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * The {@link #MISTAKES} pairs misclassified at the chosen threshold t with the largest |d - t|.
   */
  private static List<List<String>> mistakes(ScoredPairs scored, double cut) {
    float[] d = scored.model();
    int[] labels = scored.labels();
    List<Integer> wrong =
        IntStream.range(0, d.length)
            .filter(i -> (labels[i] == 1) != (d[i] < cut))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> -Math.abs(d[i] - cut)))
            .limit(MISTAKES)
            .collect(Collectors.toList());
    List<List<String>> rows = new ArrayList<>();
    for (int rank = 0; rank < wrong.size(); rank++) {
      int i = wrong.get(rank);
      rows.add(
          List.of(
              Integer.toString(rank + 1),
              labels[i] == 1 ? "similar" : "dissimilar",
              Decimals.format(d[i]),
              scored.pairs().get(i).left(),
              scored.pairs().get(i).right()));
    }
    return rows;
  }

  /** The precision targets the report shows, with the stats at each (null when unreachable). */
  private static Map<String, ThresholdStats> precisionTargets(Evaluation s) {
    Map<String, ThresholdStats> targets = new LinkedHashMap<>();
    targets.put("0.95", s.precision95());
    targets.put("0.99", s.precision99());
    return targets;
  }

  /** Which threshold the headline metrics use, in words. */
  private static String headlineRule(ReportInput input, Evaluation s) {
    String t = Decimals.format(s.chosenThreshold());
    if (s.modelThreshold() != null) {
      return "the model's "
          + t
          + (input.thresholdRule() == null ? "" : " (" + input.thresholdRule() + ")");
    }
    return "best F1 on these pairs, " + t + " (the model stores no threshold)";
  }

  private static List<String> thresholdRow(String rule, ThresholdStats t) {
    return List.of(
        rule,
        Decimals.format(t.threshold()),
        number(t.precision()),
        number(t.recall()),
        number(t.f1()),
        number(t.accuracy()));
  }

  /** An HTML table; every cell is escaped. An empty body shows "none". */
  private static void table(StringBuilder h, List<String> header, List<List<String>> rows) {
    if (rows.isEmpty()) {
      h.append("<p class=\"none\">none</p>\n");
      return;
    }
    h.append("<table>\n<tr>");
    for (String cell : header) {
      h.append("<th>").append(escape(cell)).append("</th>");
    }
    h.append("</tr>\n");
    for (List<String> row : rows) {
      h.append("<tr>");
      for (String cell : row) {
        h.append("<td>").append(escape(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /** Four decimals, locale-independent; NaN is shown as "undefined". */
  static String number(double value) {
    return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** Escapes the five HTML-significant characters. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String CSS =
      """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
      h1 { border-bottom: 2px solid #1f77b4; padding-bottom: .2em; }
      h2 { margin-top: 1.6em; }
      table { border-collapse: collapse; margin: .5em 0; }
      th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
      td { white-space: pre-wrap; word-break: break-word; }
      th { background: #f0f4f8; }
      tr:nth-child(even) td { background: #fafafa; }
      figure { margin: 1em 0; }
      img { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption, .none { color: #666; font-size: .9em; }
      .warning { background: #fff4e5; border-left: 4px solid #e67e22; padding: .4em .8em; }
      """;
}
