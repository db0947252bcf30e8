package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.Pair;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.train.EpochMetrics;

class TrainingReportTest {

  private static final String SCRIPT = "<script>alert('x')</script>";

  @TempDir Path dir;

  /** 20 pairs; pair 0 is similar but far (distance 0.99): the most confident mistake. */
  private static ReportInput input(List<EpochMetrics> history, boolean bothClasses) {
    int n = 20;
    float[] distances = new float[n];
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = bothClasses ? i % 2 : 1;
      distances[i] = label == 1 ? 0.05f * (i % 7) : 0.4f + 0.03f * i;
      pairs.add(new Pair("word" + i, label == 1 ? "word" + i + "s" : "other" + i, label));
    }
    distances[0] = 0.99f;
    pairs.set(0, new Pair(SCRIPT, "a & b", 1));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("units", "64");
    facts.put("optimizer", "Adam <lr=1e-3>");
    List<KindScore> perKind = List.of(new KindScore("typo", 10, 0.9, 0.8, 0.85));
    ScoredPairs scored = ScoredPairs.of(pairs, distances);
    return new ReportInput("Test report", history, scored, Evaluation.of(scored, perKind), facts);
  }

  private static final List<EpochMetrics> HISTORY =
      List.of(
          new EpochMetrics(1, 0.7, 0.68, 0.55, 0.6, 3.5),
          new EpochMetrics(2, 0.6, 0.61, 0.65, 0.75, 3.25));

  @Test
  void writesAllFilesForATrainingRun() throws IOException {
    TrainingReport.write(dir, input(HISTORY, true));
    for (String name :
        List.of(
            "loss.png",
            "quality.png",
            "roc.png",
            "precision-recall.png",
            "distance-histogram.png",
            "history.csv",
            "metrics.json",
            "report.html")) {
      assertThat(dir.resolve(name)).isNotEmptyFile();
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void omitsHistoryFilesForAnEvaluation() throws IOException {
    TrainingReport.write(dir, input(List.of(), true));
    assertThat(dir.resolve("roc.png")).exists();
    assertThat(dir.resolve("loss.png")).doesNotExist();
    assertThat(dir.resolve("quality.png")).doesNotExist();
    assertThat(dir.resolve("history.csv")).doesNotExist();
    assertThat(count(Files.readString(dir.resolve("report.html")), "data:image/png;base64,"))
        .isEqualTo(3);
  }

  @Test
  void htmlEmbedsEveryChartAsAReadablePngDataUri() throws IOException {
    TrainingReport.write(dir, input(HISTORY, true));
    String html = Files.readString(dir.resolve("report.html"));
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(1));
      assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(Charts.WIDTH);
      images++;
    }
    assertThat(images).isEqualTo(5);
  }

  @Test
  void htmlIsSelfContained() throws IOException {
    TrainingReport.write(dir, input(HISTORY, true));
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
  }

  @Test
  void htmlEscapesPairTextAndFacts() throws IOException {
    TrainingReport.write(dir, input(HISTORY, true));
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("a &amp; b")
        .contains("Adam &lt;lr=1e-3&gt;")
        .doesNotContain(SCRIPT);
  }

  @Test
  void mistakesTableStartsWithTheMostConfidentMistake() throws IOException {
    TrainingReport.write(dir, input(HISTORY, true));
    String html = Files.readString(dir.resolve("report.html"));
    String mistakes = html.substring(html.indexOf("Most confident mistakes"));
    assertThat(mistakes).contains("<td>1</td><td>similar</td><td>0.99</td><td>&lt;script&gt;");
  }

  @Test
  void metricsJsonMatchesBinaryMetrics() throws IOException {
    ReportInput input = input(HISTORY, true);
    TrainingReport.write(dir, input);
    @SuppressWarnings("unchecked")
    Map<String, Object> json =
        JsonCodec.read(Files.readString(dir.resolve("metrics.json")), Map.class);
    float[] distances = input.scored().model();
    int[] labels = input.scored().labels();
    assertThat((Double) json.get("rocAuc"))
        .isCloseTo(BinaryMetrics.rocAuc(distances, labels), within(1e-12));
    assertThat((Double) json.get("loss"))
        .isCloseTo(BinaryMetrics.meanBce(distances, labels), within(1e-12));
    assertThat(json)
        .containsKeys("accuracy", "bestF1", "youden", "levenshteinAuc", "damerauAuc", "perKind");
    assertThat(json.get("pairs")).isEqualTo(20);
  }

  @Test
  void writesAReportWhenAucIsUndefined() throws IOException {
    TrainingReport.write(dir, input(List.of(), false));
    String json = Files.readString(dir.resolve("metrics.json"));
    assertThat(json).contains("\"rocAuc\": null");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("undefined");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
