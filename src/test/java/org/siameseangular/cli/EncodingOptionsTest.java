package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.smallPairs;
import static org.siameseangular.cli.CliRunner.trainTinyQuiet;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.model.SimilarityModel;

/**
 * {@code train --encoding folded|hashed|scalar}: each trains the model it names, {@code
 * --init-from} takes the encoding of the model it starts from, and a mismatch or a bad option says
 * what was expected.
 */
class EncodingOptionsTest {
  @TempDir static Path shared;
  private static Path data;
  private static Path hashed;

  @BeforeAll
  static void trainAHashedModel() {
    data = smallPairs(shared);
    hashed = shared.resolve("hashed");
    Run r = train(hashed, "--encoding", "hashed", "--hash-moduli", "101,103,109");
    assertThat(r.exit()).as(r.allErr()).isZero();
  }

  private static Run train(Path out, String... extra) {
    return trainTinyQuiet(data, out, extra);
  }

  @Test
  void hashedTrainingRecordsTheEncodingAndItsParameters() {
    try (SimilarityModel model = SimilarityModel.load(hashed)) {
      assertThat(model.metadata().encoding()).isEqualTo("hashed");
      assertThat(model.metadata().hashModuli()).containsExactly(101, 103, 109);
      assertThat(model.metadata().embeddingDimension()).isEqualTo(8);
    }
  }

  @Test
  void withoutEncodingOptionsTrainingUsesTheFoldedEncodingWithSixteenFeaturesAndWindows(
      @TempDir Path tmp) {
    Path out = tmp.resolve("m");
    Run r = train(out);

    assertThat(r.exit()).as(r.allErr()).isZero();
    try (SimilarityModel model = SimilarityModel.load(out)) {
      assertThat(model.metadata().encoding()).isEqualTo("folded");
      assertThat(model.metadata().hashModuli()).containsExactly(1031, 1087);
      assertThat(model.metadata().embeddingDimension()).isEqualTo(16);
      assertThat(model.metadata().pooling()).isEqualTo("windows");
      assertThat(model.embeddingSize()).contains(3 + 16);
      // The fold reaches the exported graph: a case variant differs from its original by the
      // detail row alone, so it lies closer than a different letter does.
      assertThat(model.distance("Ivan", "IVAN")).isLessThan(model.distance("Ivan", "Olga"));
    }
  }

  @Test
  void anUnknownLearningRateScheduleIsAUsageErrorNamingTheKnownOnes(@TempDir Path tmp) {
    Run r = train(tmp.resolve("m"), "--lr-schedule", "linear");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr())
        .contains("--lr-schedule: learning-rate schedule must be constant or cosine")
        .doesNotContain("Exception");
  }

  @Test
  void scalarTrainingRecordsTheOriginalScalingAndPooling(@TempDir Path tmp) {
    Path out = tmp.resolve("scalar");

    Run r = train(out, "--encoding", "scalar");

    assertThat(r.exit()).as(r.allErr()).isZero();
    try (SimilarityModel model = SimilarityModel.load(out)) {
      assertThat(model.metadata().encoding()).isEqualTo("scalar");
      assertThat(model.metadata().inputCenter()).isEqualTo(96f);
      assertThat(model.metadata().hashModuli()).isNull();
      // The Keras original's architecture: the last state, units values.
      assertThat(model.metadata().pooling()).isEqualTo("last");
      assertThat(model.embed("abc")).hasSize(3);
    }
  }

  @Test
  void initFromTakesTheModelsEncoding(@TempDir Path tmp) {
    Path out = tmp.resolve("tuned");

    Run r = train(out, "--init-from", hashed.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    try (SimilarityModel model = SimilarityModel.load(out)) {
      assertThat(model.metadata().hashModuli()).containsExactly(101, 103, 109);
      // Trained without --pooling, as a hashed model: windows, which the tuned model keeps.
      assertThat(model.metadata().pooling()).isEqualTo("windows");
    }
  }

  @Test
  void initFromAModelOfTheOtherEncodingIsRefusedNamingBoth(@TempDir Path tmp) {
    Run r = train(tmp.resolve("tuned"), "--init-from", hashed.toString(), "--encoding", "scalar");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("encodes code points as hashed(101x103x109, d8)")
        .contains("the run asks for scalar((c - 96) / 32)")
        .doesNotContain("Exception");
  }

  @Test
  void anUnknownEncodingIsAUsageErrorNamingTheKnownOnes(@TempDir Path tmp) {
    Run r = train(tmp.resolve("m"), "--encoding", "bytes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--encoding must be folded, hashed or scalar, found 'bytes'");
  }

  @Test
  void moduliThatCannotSeparateUnicodeAreAUsageError(@TempDir Path tmp) {
    Run r = train(tmp.resolve("m"), "--hash-moduli", "101,103");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--hash-moduli: ").contains("must exceed U+10FFFF");
  }

  @Test
  void hashedOnlyOptionsAreRefusedWithTheScalarEncoding(@TempDir Path tmp) {
    Run r = train(tmp.resolve("m"), "--encoding", "scalar", "--embedding-dimension", "4");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr())
        .contains("--embedding-dimension applies to --encoding folded or hashed only");
  }
}
