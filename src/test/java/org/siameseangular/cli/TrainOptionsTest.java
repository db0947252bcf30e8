package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;
import static org.siameseangular.cli.CliRunner.smallPairs;
import static org.siameseangular.cli.CliRunner.trainTiny;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.workflow.TrainingRun;
import picocli.CommandLine;

/**
 * {@code train}: outputs checked before any work, resume honouring --out, learning-rate defaults.
 */
class TrainOptionsTest {

  @Test
  void anExistingFileAsOutIsRefusedBeforeTrainingAndLeavesNoCheckpoint(@TempDir Path tmp)
      throws IOException {
    Path out = Files.writeString(tmp.resolve("model"), "not a model");

    Run r = trainTiny(smallPairs(tmp), out);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("cannot write the model to " + out + ": it exists and is not a directory")
        .doesNotContain("training on")
        .doesNotContain("Epoch");
    assertThat(tmp.resolve("model.checkpoint")).doesNotExist();
    assertThat(Files.readString(out)).isEqualTo("not a model");
  }

  @Test
  void aNonEmptyDirectoryThatIsNotAModelIsRefusedBeforeTraining(@TempDir Path tmp)
      throws IOException {
    Path out = Files.createDirectory(tmp.resolve("photos"));
    Files.writeString(out.resolve("holiday.jpg"), "x");

    Run r = trainTiny(smallPairs(tmp), out);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("refusing to replace " + out).doesNotContain("training on");
    assertThat(tmp.resolve("photos.checkpoint")).doesNotExist();
  }

  @Test
  void anOutBelowAFileIsRefusedBeforeTraining(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    Run r = trainTiny(smallPairs(tmp), file.resolve("model"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains(file + " is a file").doesNotContain("training on");
  }

  @Test
  void resumeWritesTheModelToTheOutGivenWithIt(@TempDir Path tmp) throws IOException {
    Path first = tmp.resolve("first");
    TrainingRun interrupted =
        TrainingRun.fresh(
            TrainConfig.defaults().withUnits(3).withEpochs(2), smallPairs(tmp), first);
    assertThat(interrupted.run(List.of(), () -> true, 0))
        .isInstanceOf(TrainingRun.Interrupted.class);
    Path other = tmp.resolve("other");

    Run r =
        run(
            "train",
            "--resume",
            interrupted.checkpointDir().toString(),
            "--out",
            other.toString(),
            "--quiet");

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(r.stdout()).contains("model written to " + other);
    assertThat(first).doesNotExist();
    assertThat(interrupted.checkpointDir()).doesNotExist();
    try (SimilarityModel m = SimilarityModel.load(other)) {
      assertThat(m.units()).contains(3);
    }
  }

  @Test
  void settingsStoredInTheCheckpointCannotBeGivenWithResume(@TempDir Path tmp) {
    Run r = run("train", "--resume", tmp.toString(), "--epochs", "9", "--seed", "3");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--epochs, --seed cannot be given with it");
  }

  private static TrainConfig configOf(String... args) {
    var command = new TrainCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void adamHasOneDefaultLearningRateWhetherOrNotTheOptimizerIsNamed() {
    assertThat(configOf("--optimizer", "adam").learningRate())
        .isEqualTo(configOf().learningRate())
        .isEqualTo(Optimizer.ADAM.defaultLearningRate());
  }

  @Test
  void sgdDefaultsToKerasLearningRate() {
    assertThat(configOf("--optimizer", "sgd").learningRate())
        .isEqualTo(Optimizer.SGD.kerasLearningRate())
        .isEqualTo(0.01);
  }

  @Test
  void theHelpStatesEachOptimizersDefaultLearningRate() {
    assertThat(run("train", "--help").out()).contains("0.01 for adam and for sgd");
  }
}
