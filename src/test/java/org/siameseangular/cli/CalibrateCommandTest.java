package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.model.ModelFingerprint;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;

/**
 * {@code calibrate} on the committed Keras reference model (trained, ROC AUC about 0.92 on the
 * embedded validation split), copied so that its metadata can change: the target is met on pairs
 * the calibration never saw, and what is stored is what {@code --threshold auto} uses.
 */
class CalibrateCommandTest {
  private static final Path KERAS_REFERENCE = Path.of("models", "keras-reference");

  @TempDir static Path shared;
  private static Path calibrationPairs;
  private static List<Pair> heldOut;

  /**
   * The embedded dataset shuffled with a fixed seed and halved: 8,000 pairs to calibrate on, 8,000
   * held out. Both halves are draws from one distribution, which is what the target's promise is
   * about.
   */
  @BeforeAll
  static void split() {
    List<Pair> all = new ArrayList<>(DefaultDataset.defaultPairs());
    Collections.shuffle(all, new Random(11));
    calibrationPairs = shared.resolve("calibration.csv");
    PairFiles.write(calibrationPairs, all.subList(0, all.size() / 2));
    heldOut = List.copyOf(all.subList(all.size() / 2, all.size()));
  }

  private static Path copyOfReference(Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    try (Stream<Path> files = Files.walk(KERAS_REFERENCE)) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(KERAS_REFERENCE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return dir;
  }

  private static ThresholdStats onHeldOut(Path model, double threshold) {
    try (SimilarityModel m = SimilarityModel.load(model)) {
      float[] d =
          m.distances(
              heldOut.stream().map(Pair::left).toList(),
              heldOut.stream().map(Pair::right).toList());
      return BinaryMetrics.at(d, heldOut.stream().mapToInt(Pair::label).toArray(), threshold);
    }
  }

  private static ModelMetadata.Calibration stored(Path model) throws IOException {
    return JsonCodec.read(model.resolve(ModelNames.METADATA_FILE), ModelMetadata.class)
        .calibration();
  }

  /**
   * Three standard errors of the difference between two independent estimates of a rate near {@code
   * target}, each from about {@code n} pairs: {@code 3 sqrt(2 target (1 - target) / n)}. The
   * calibration half's estimate is at least the target by construction, so a held-out rate below
   * the target by more than this would mean the rule does not generalise (a one-sided normal tail
   * of 0.1 %; with the fixed seed the check is deterministic).
   */
  private static double allowance(double target, int n) {
    return 3 * Math.sqrt(2 * target * (1 - target) / n);
  }

  @Test
  void aTargetPrecisionHoldsOnPairsTheCalibrationNeverSaw(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            calibrationPairs.toString(),
            "--target-precision",
            "0.9");

    assertThat(r.exit()).as(r.toString()).isZero();
    ModelMetadata.Calibration c = stored(model);
    assertThat(c.precision()).isGreaterThanOrEqualTo(0.9);
    ThresholdStats held = onHeldOut(model, c.threshold());
    assertThat(held.tp() + held.fp())
        .as("pairs called similar on the held-out half")
        .isGreaterThan(1000);
    assertThat(held.precision())
        .isGreaterThanOrEqualTo(0.9 - allowance(0.9, held.tp() + held.fp()));
  }

  @Test
  void aTargetRecallHoldsOnPairsTheCalibrationNeverSaw(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            calibrationPairs.toString(),
            "--target-recall",
            "0.8");

    assertThat(r.exit()).as(r.toString()).isZero();
    ThresholdStats held = onHeldOut(model, stored(model).threshold());
    assertThat(held.recall()).isGreaterThanOrEqualTo(0.8 - allowance(0.8, held.tp() + held.fn()));
  }

  @Test
  void itPrintsTheRatesWithIntervalsAndStoresWhatItPrinted(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            calibrationPairs.toString(),
            "--target-precision",
            "0.9");

    ModelMetadata.Calibration c = stored(model);
    assertThat(r.stdout())
        .contains(String.format(java.util.Locale.ROOT, "threshold  %.6f", c.threshold()))
        .contains("pairs      8000 (")
        .contains(
            String.format(java.util.Locale.ROOT, "precision  %.4f  95%% interval [", c.precision()))
        .contains("recall ")
        .contains("f1 ")
        .doesNotContain("unreliable");
    assertThat(c.metric()).isEqualTo("precision");
    assertThat(c.target()).isEqualTo(0.9);
    assertThat(c.pairs()).isEqualTo(8000);
    assertThat(c.data()).isEqualTo("calibration.csv");
  }

  @Test
  void theModelKeepsItsFingerprintAndItsIndexesStayValid(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);
    String before = ModelFingerprint.of(model);
    Path candidates = tmp.resolve("c.txt");
    Files.write(candidates, List.of("Ada", "Bob", "Cy"));
    Path index = tmp.resolve("c.index");
    CommandRun.of(
        "Ada\n",
        "match",
        "--model",
        model.toString(),
        "--candidates",
        candidates.toString(),
        "--save-index",
        index.toString());

    CommandRun.of(
        "",
        "calibrate",
        "--model",
        model.toString(),
        "--data",
        calibrationPairs.toString(),
        "--target-recall",
        "0.9");
    CommandRun r =
        CommandRun.of("Ada\n", "match", "--model", model.toString(), "--index", index.toString());

    assertThat(ModelFingerprint.of(model)).isEqualTo(before);
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  @Test
  void scoringWithThresholdAutoUsesTheCalibratedThreshold(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);

    CommandRun.of(
        "",
        "calibrate",
        "--model",
        model.toString(),
        "--data",
        calibrationPairs.toString(),
        "--target-precision",
        "0.95");

    try (SimilarityModel m = SimilarityModel.load(model)) {
      assertThat(m.threshold()).hasValue(stored(model).threshold());
    }
  }

  @Test
  void fewPairsGetANoteThatTheThresholdIsUnreliable(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);
    Path few = tmp.resolve("few.csv");
    PairFiles.write(few, heldOut.subList(0, 120));

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            few.toString(),
            "--target-recall",
            "0.9");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("fewer than about 200: the threshold is unreliable");
  }

  @Test
  void anUnreachableTargetIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);
    byte[] metadata = Files.readAllBytes(model.resolve(ModelNames.METADATA_FILE));
    Path pairs = tmp.resolve("pairs.csv");
    // The nearest pair is labelled dissimilar, so no threshold has a precision above 1/2.
    PairFiles.write(pairs, List.of(new Pair("abc", "abc", 0), new Pair("abc", "xyz", 1)));

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            pairs.toString(),
            "--target-precision",
            "0.9");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("no threshold reaches precision 0.9 on the 2 pairs of " + pairs)
        .contains("the highest is 0.5000")
        .contains("nothing was written")
        .doesNotContain("Exception");
    assertThat(Files.readAllBytes(model.resolve(ModelNames.METADATA_FILE))).isEqualTo(metadata);
  }

  @Test
  void pairsOfOneClassAreRefused(@TempDir Path tmp) throws IOException {
    Path model = copyOfReference(tmp);
    Path pairs = tmp.resolve("pairs.csv");
    PairFiles.write(pairs, List.of(new Pair("abc", "abd", 1), new Pair("xy", "xz", 1)));

    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            pairs.toString(),
            "--target-recall",
            "0.9");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("holds 2 similar and 0 dissimilar");
  }

  @Test
  void aTargetOutsideTheUnitIntervalIsAUsageError(@TempDir Path tmp) throws IOException {
    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            KERAS_REFERENCE.toString(),
            "--data",
            calibrationPairs.toString(),
            "--target-precision",
            "1.5");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--target-precision must be in (0, 1], found 1.5");
  }

  @Test
  void bothTargetsAtOnceAreAUsageError() {
    CommandRun r =
        CommandRun.of(
            "",
            "calibrate",
            "--model",
            KERAS_REFERENCE.toString(),
            "--data",
            calibrationPairs.toString(),
            "--target-precision",
            "0.9",
            "--target-recall",
            "0.9");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("mutually exclusive");
  }
}
