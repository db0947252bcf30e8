package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siameseangular.cli.InProcessCli.Run;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;

/**
 * {@code score --threshold auto|X}: a second column says {@code similar} for a distance below the
 * threshold and {@code different} otherwise; {@code auto} takes the threshold stored with the
 * model. Thresholds are placed strictly on either side of the library's distance of the pair, so
 * the expected word follows from the documented rule alone.
 */
class ScoreThresholdTest {
  private static final ModelSpec SPEC = ModelSpec.withUnits(3);
  private static final LstmWeights WEIGHTS = KerasInitializers.lstm(3, 1);

  @TempDir static Path shared;
  private static Path bare;
  private static float distance;
  private static double above;
  private static double below;

  @BeforeAll
  static void exportAndScore() throws IOException {
    bare = shared.resolve("bare");
    ModelExporter.export(bare, SPEC, WEIGHTS);
    try (SimilarityModel m = SimilarityModel.load(bare)) {
      distance = m.distance("colour", "color");
    }
    assertThat(distance).as("a distance strictly inside (0, 1)").isStrictlyBetween(0f, 1f);
    above = (distance + 1.0) / 2; // strictly above the distance, at most 1
    below = distance / 2.0; // strictly below it, at least 0
  }

  private static Path modelStoring(double threshold, String name) throws IOException {
    Path dir = shared.resolve(name);
    ModelExporter.export(
        dir,
        ModelMetadata.describing(SPEC).withThreshold(threshold, "set by the test"),
        WEIGHTS,
        staged -> {});
    return dir;
  }

  /** The printed distance (it reads back as the library's float) and the word. */
  private static void assertLine(String line, float expectedDistance, String word) {
    String[] columns = line.split("\t");
    assertThat(columns).as(line).hasSize(2);
    assertThat(Float.parseFloat(columns[0])).isEqualTo(expectedDistance);
    assertThat(columns[1]).isEqualTo(word);
  }

  @Test
  void aThresholdAboveTheDistanceSaysSimilar() {
    Run r =
        InProcessCli.run(
            "score",
            "--model",
            bare.toString(),
            "--threshold",
            Double.toString(above),
            "colour",
            "color");

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertLine(r.stdout().strip(), distance, "similar");
  }

  @Test
  void aThresholdBelowTheDistanceSaysDifferent() {
    Run r =
        InProcessCli.run(
            "score",
            "--model",
            bare.toString(),
            "--threshold",
            Double.toString(below),
            "colour",
            "color");

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertLine(r.stdout().strip(), distance, "different");
  }

  @Test
  void autoUsesTheThresholdStoredWithTheModel() throws IOException {
    Run similar =
        InProcessCli.run(
            "score",
            "--model",
            modelStoring(above, "stores-above").toString(),
            "--threshold",
            "auto",
            "colour",
            "color");
    Run different =
        InProcessCli.run(
            "score",
            "--model",
            modelStoring(below, "stores-below").toString(),
            "--threshold",
            "auto",
            "colour",
            "color");

    assertThat(similar.exit()).as(similar.allErr()).isZero();
    assertLine(similar.stdout().strip(), distance, "similar");
    assertThat(different.exit()).as(different.allErr()).isZero();
    assertLine(different.stdout().strip(), distance, "different");
  }

  @Test
  void stdinLinesEachGetTheirWord() throws IOException {
    float[] d;
    try (SimilarityModel m = SimilarityModel.load(bare)) {
      d = m.distances(List.of("same", "abc"), List.of("same", "xyz"));
    }
    assertThat(d[0]).as("the two pairs' distances differ").isLessThan(d[1]);
    double between = (d[0] + (double) d[1]) / 2;

    Run r =
        InProcessCli.runWithStdin(
            "same\tsame\nabc\txyz\n",
            "score",
            "--model",
            bare.toString(),
            "--threshold",
            Double.toString(between));

    assertThat(r.exit()).as(r.allErr()).isZero();
    String[] lines = r.stdout().split("\n");
    assertThat(lines).hasSize(2);
    assertLine(lines[0], d[0], "similar");
    assertLine(lines[1], d[1], "different");
  }

  @Test
  void autoWithAModelThatStoresNoThresholdIsAUsageErrorSayingSo() {
    Run r =
        InProcessCli.run(
            "score", "--model", bare.toString(), "--threshold", "auto", "colour", "color");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("stores no threshold").doesNotContain("at org.");
    assertThat(r.stdout()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "often", "NaN"})
  void aThresholdThatIsNotAutoOrANumberInTheUnitIntervalIsAUsageErrorNamingIt(String value) {
    Run r = InProcessCli.run("score", "--model", bare.toString(), "--threshold", value, "a", "b");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--threshold").contains(value).doesNotContain("at org.");
    assertThat(r.stdout()).isEmpty();
  }
}
