package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.InProcessCli.Run;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.io.FileTrees;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.train.Trainer;
import org.siameseangular.workflow.TrainingRun;

/** `train` as a user meets it: where it starts from, what it refuses, what it leaves alone. */
class TrainCommandTest {
  /** The Keras 3 export committed with the project (python-export/reference.py), LSTM(10). */
  private static final Path KERAS = Path.of("models", "keras-reference");

  private static Path pairs(Path dir, List<Pair> pairs) {
    Path data = dir.resolve("pairs.csv");
    PairFiles.write(data, pairs);
    return data;
  }

  @Test
  void initFromAKerasExportTrainsFromItsWeightsAndTakesItsSize(@TempDir Path tmp) {
    List<Pair> pairs = DefaultDataset.defaultPairs().subList(0, 200);
    Path out = tmp.resolve("model");

    Run r =
        InProcessCli.run(
            "train",
            "--data",
            pairs(tmp, pairs).toString(),
            "--init-from",
            KERAS.toString(),
            "--optimizer",
            "sgd",
            "--learning-rate",
            "0.01",
            "--batch-size",
            "16",
            "--epochs",
            "1",
            "--seed",
            "3",
            "--patience",
            "0",
            "--quiet",
            "--out",
            out.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    LstmWeights keras = WeightsReader.read(KERAS, 0);
    TrainConfig same =
        TrainConfig.defaults()
            .withEncoding(InputEncoding.Scalar.DEFAULT)
            .withPooling(Pooling.LAST)
            .withUnits(keras.units())
            .withOptimizer(Optimizer.SGD)
            .withLearningRate(0.01)
            .withBatchSize(16)
            .withEpochs(1)
            .withSeed(3)
            .withPatience(0);
    LstmWeights expected =
        new Trainer(same).train(pairs, TrainState.start(ModelWeights.of(keras))).weights().lstm();
    assertThat(WeightsReader.read(out, 0))
        .as("the weights of training started from the Keras export's, bit for bit")
        .isEqualTo(expected);
  }

  @Test
  void initFromWithOtherUnitsNamesWhatWasExpectedAndFound(@TempDir Path tmp) {
    Run r =
        InProcessCli.run(
            "train",
            "--data",
            pairs(tmp, DefaultDataset.defaultPairs().subList(0, 200)).toString(),
            "--init-from",
            KERAS.toString(),
            "--units",
            "5",
            "--out",
            tmp.resolve("model").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("has 10 LSTM units; the run asks for 5")
        .doesNotContain("at org.");
    assertThat(tmp.resolve("model")).doesNotExist();
  }

  @Test
  void trainingDataOfOneClassIsRefusedWithAHintAndNothingIsWritten(@TempDir Path tmp)
      throws IOException {
    List<Pair> similarOnly =
        DefaultDataset.defaultPairs().stream().filter(Pair::similar).limit(200).toList();
    Path out = tmp.resolve("model");

    Run r =
        InProcessCli.run(
            "train", "--data", pairs(tmp, similarOnly).toString(), "--out", out.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("hold only label 1")
        .contains("both similar (1) and dissimilar (0)")
        .doesNotContain("at org.");
    assertThat(FileTrees.names(tmp)).containsExactly("pairs.csv");
  }

  @Test
  void resumeAfterTheDataChangedIsRefusedAndKeepsTheCheckpoint(@TempDir Path tmp)
      throws IOException {
    Path data = pairs(tmp, DefaultDataset.defaultPairs().subList(0, 200));
    TrainingRun run =
        TrainingRun.fresh(
            TrainConfig.defaults().withUnits(2).withEpochs(2).withBatchSize(16),
            data,
            tmp.resolve("model"));
    assertThat(run.run(List.of(), () -> true, 0)).isInstanceOf(TrainingRun.Interrupted.class);
    Map<String, String> checkpoint = FileTrees.hashes(run.checkpointDir());
    pairs(tmp, DefaultDataset.defaultPairs().subList(200, 400));

    Run r = InProcessCli.run("train", "--resume", run.checkpointDir().toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("the data has changed since the checkpoint in " + run.checkpointDir())
        .doesNotContain("at org.");
    assertThat(FileTrees.hashes(run.checkpointDir())).isEqualTo(checkpoint);
    assertThat(tmp.resolve("model")).doesNotExist();
  }

  @Test
  void divergenceLeavesTheModelAtOutAsItWas(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("model");
    ModelExporter.export(out, ModelSpec.withUnits(4), KerasInitializers.lstm(4, 7));
    Map<String, String> before = FileTrees.hashes(out);

    // 3e38: a step that overflows float32 (see DivergenceTest); the hashed encoding pooled by the
    // last state, whose first gradients are large enough for that.
    Run r =
        InProcessCli.run(
            "train",
            "--data",
            pairs(tmp, DefaultDataset.defaultPairs().subList(0, 200)).toString(),
            "--optimizer",
            "sgd",
            "--learning-rate",
            "3e38",
            "--encoding",
            "hashed",
            "--pooling",
            "last",
            "--units",
            "4",
            "--batch-size",
            "8",
            "--epochs",
            "2",
            "--quiet",
            "--out",
            out.toString());

    assertThat(r.exit()).as(r.allErr()).isEqualTo(1);
    assertThat(r.allErr()).contains("training diverged").doesNotContain("at org.");
    assertThat(FileTrees.hashes(out)).as("the model at --out, file for file").isEqualTo(before);
    assertThat(FileTrees.names(tmp))
        .as("no staging directory or checkpoint beside it")
        .containsExactly("model", "pairs.csv");
  }
}
