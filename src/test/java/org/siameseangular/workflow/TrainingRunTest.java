package org.siameseangular.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.data.UserException;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.model.ModelException;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.train.TrainConfig;

/** Train -> export -> report as one run: where it starts, what it leaves behind. */
class TrainingRunTest {
  private static final TrainConfig SMALL =
      TrainConfig.defaults().withUnits(2).withEpochs(1).withBatchSize(16);

  private static Path pairs(Path dir, int from) {
    Path data = dir.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(from, from + 200));
    return data;
  }

  @Test
  void initFromTakesTheModelsUnitsAndWeightsWhenAsked(@TempDir Path tmp) throws IOException {
    LstmWeights weights = KerasInitializers.lstm(3, 5);
    ModelExporter.export(tmp.resolve("m"), ModelSpec.withUnits(3), weights);

    TrainingRun run =
        TrainingRun.initFrom(SMALL, pairs(tmp, 0), tmp.resolve("out"), tmp.resolve("m"), true);

    assertThat(run.config().spec().units()).isEqualTo(3);
    assertThat(run.start().weights()).isEqualTo(ModelWeights.of(weights));
    assertThat(run.config().spec().encoding()).isEqualTo(InputEncoding.Scalar.DEFAULT);
    // SMALL pools by mean-bag (the default); the model, like every model before it, by last.
    assertThat(run.config().spec().pooling()).isEqualTo(Pooling.LAST);
  }

  @Test
  void initFromRequiringAnotherPoolingIsRefusedNamingBoth(@TempDir Path tmp) throws IOException {
    ModelExporter.export(tmp.resolve("m"), ModelSpec.withUnits(2), KerasInitializers.lstm(2, 5));
    var keepPooling = new TrainingRun.FromModel(true, true, false);

    assertThatThrownBy(
            () ->
                TrainingRun.initFrom(
                    SMALL, pairs(tmp, 0), tmp.resolve("out"), tmp.resolve("m"), keepPooling))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("pools its LSTM steps by last; the run asks for windows");
  }

  @Test
  void finishedRunExportsAModelWithItsThresholdAndReportAndDeletesTheCheckpoint(@TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("out");
    TrainingRun run = TrainingRun.fresh(SMALL, pairs(tmp, 0), out);

    TrainingRun.Outcome outcome = run.run(List.of(), () -> false, 0);

    assertThat(outcome).isInstanceOf(TrainingRun.Finished.class);
    assertThat(run.checkpointDir()).doesNotExist();
    assertThat(out.resolve("report.html")).isNotEmptyFile();
    assertThat(out.resolve("metrics.json")).isNotEmptyFile();
    try (SimilarityModel model = SimilarityModel.load(out)) {
      assertThat(model.threshold()).isPresent();
      assertThat(model.metadata().training().epochsRun()).isEqualTo(1);
    }
  }

  @Test
  void resumeRefusesDataThatChangedSinceTheCheckpoint(@TempDir Path tmp) throws IOException {
    Path data = pairs(tmp, 0);
    TrainingRun run = TrainingRun.fresh(SMALL.withEpochs(2), data, tmp.resolve("out"));
    TrainingRun.Outcome outcome = run.run(List.of(), () -> true, 0);
    assertThat(outcome).isInstanceOf(TrainingRun.Interrupted.class);
    pairs(tmp, 200);

    assertThatThrownBy(() -> TrainingRun.resume(run.checkpointDir()))
        .isInstanceOf(UserException.class)
        .hasMessageContaining(
            "the data has changed since the checkpoint in " + run.checkpointDir());
  }
}
