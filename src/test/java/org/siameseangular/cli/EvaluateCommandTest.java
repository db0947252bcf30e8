package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.workflow.TrainingRun;

/** {@code evaluate}: the split stored with the model, headline metrics, where reports may go. */
class EvaluateCommandTest {
  @TempDir static Path shared;
  private static Path model;

  /** A model "trained on the embedded data with --validation-split 0.2", with a threshold. */
  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    ModelSpec spec = ModelSpec.withUnits(2);
    ModelMetadata metadata =
        ModelMetadata.describing(spec)
            .withTraining(
                new ModelMetadata.Training(
                    42L,
                    "adam",
                    0.005,
                    32,
                    0.2,
                    TrainingRun.EMBEDDED_SOURCE + DefaultDataset.sourceDescription(),
                    1,
                    1,
                    null,
                    1.0))
            .withThreshold(0.375, "best F1 on the validation split (3200 pairs)");
    ModelExporter.export(
        model,
        metadata,
        KerasInitializers.model(spec, 3),
        staged -> Files.writeString(staged.resolve("report.html"), "the training report"));
  }

  @Test
  void theEmbeddedDataAreSplitAsStoredWithTheModel() {
    Run r = run("evaluate", "--model", model.toString(), "--json");

    assertThat(r.exit()).as(r.allErr()).isZero();
    Map<?, ?> json = JsonCodec.read(r.stdout(), Map.class);
    assertThat(json.get("pairs")).isEqualTo(DefaultDataset.DEFAULT_SIZE / 5);
  }

  @Test
  void theTextLeadsWithTheAucThenTheMetricsAtTheModelsThreshold() {
    Run r = run("evaluate", "--model", model.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    String out = r.stdout();
    assertThat(out)
        .contains("validation split stored with the model: its last 20 %, 3200 pairs")
        .contains("at the model's threshold 0.375 (best F1 on the validation split (3200 pairs)):")
        .contains("fixed 0.5");
    assertThat(out.indexOf("roc_auc")).isLessThan(out.indexOf("at the model's threshold"));
    assertThat(out.indexOf("at the model's threshold")).isLessThan(out.indexOf("precision  "));
    assertThat(out.indexOf("precision  ")).isLessThan(out.indexOf("fixed 0.5"));
  }

  @Test
  void aReportIntoTheModelDirectoryIsRefusedBeforeAnyWork() throws IOException {
    Run r = run("evaluate", "--model", model.toString(), "--report", model.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("refusing to write the report into " + model)
        .contains("--report " + model + "-evaluation")
        .doesNotContain("at org.");
    assertThat(r.stdout()).isEmpty();
    assertThat(Files.readString(model.resolve("report.html"))).isEqualTo("the training report");
  }

  @Test
  void aReportPathThatIsAFileGetsARealMessage(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("report.html"), "x");

    Run r = run("evaluate", "--model", model.toString(), "--report", file.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains(
            "cannot write the report to " + file + ": it is a file; --report takes a directory");
  }
}
