package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;
import static org.siameseangular.cli.CliRunner.smallPairs;
import static org.siameseangular.cli.CliRunner.trainTinyQuiet;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.model.SimilarityModel;

/**
 * {@code train --pooling windows|words|mean-bag|last}: an explicit pooling is what the model gets,
 * {@code --init-from} takes the pooling of the model it starts from, and a conflict or an unknown
 * value says what was expected. (The defaults per encoding: EncodingOptionsTest.)
 */
class PoolingOptionsTest {
  @TempDir static Path shared;
  private static Path data;
  private static Path last;

  @BeforeAll
  static void trainAFoldedModelPooledByItsLastState() {
    data = smallPairs(shared);
    last = shared.resolve("last");
    Run r = train(last, "--pooling", "last", "--embedding-dimension", "4");
    assertThat(r.exit()).as(r.allErr()).isZero();
  }

  private static Run train(Path out, String... extra) {
    return trainTinyQuiet(data, out, extra);
  }

  @Test
  void anExplicitPoolingOverridesTheEncodingsDefault() {
    try (SimilarityModel model = SimilarityModel.load(last)) {
      assertThat(model.metadata().encoding()).isEqualTo("folded");
      assertThat(model.metadata().pooling()).isEqualTo("last");
      assertThat(model.embed("abc")).hasSize(3);
    }
  }

  @Test
  void initFromTakesTheModelsPooling(@TempDir Path tmp) {
    Path out = tmp.resolve("tuned");

    Run r = train(out, "--init-from", last.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    try (SimilarityModel model = SimilarityModel.load(out)) {
      assertThat(model.metadata().pooling()).isEqualTo("last");
      assertThat(model.embeddingSize()).contains(3);
    }
  }

  @Test
  void initFromAModelOfTheOtherPoolingIsRefusedNamingBoth(@TempDir Path tmp) {
    Run r = train(tmp.resolve("tuned"), "--init-from", last.toString(), "--pooling", "mean-bag");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("pools its LSTM steps by last; the run asks for mean-bag")
        .contains("give --pooling last or leave --pooling out")
        .doesNotContain("Exception");
  }

  @Test
  void anUnknownPoolingIsAUsageErrorNamingTheKnownOnes(@TempDir Path tmp) {
    Run r = train(tmp.resolve("m"), "--pooling", "max");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr())
        .contains("--pooling must be windows, words, mean-bag or last, found 'max'");
  }

  @Test
  void poolingCannotBeGivenWithResume(@TempDir Path tmp) {
    Run r = run("train", "--resume", tmp.toString(), "--pooling", "last");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--pooling").contains("cannot be given with it");
  }
}
