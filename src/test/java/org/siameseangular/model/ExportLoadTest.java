package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.SessionConfig;
import org.siameseangular.graph.SiameseGraph;
import org.siameseangular.graph.Tensors;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.train.Trainer;
import org.siameseangular.train.TrainingResult;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Train briefly, export, load through {@link SimilarityModel} and {@link WeightsReader}: the same
 * model.
 */
class ExportLoadTest {
  private static final int UNITS = 4;
  private static final ModelSpec SPEC = ModelSpec.withUnits(UNITS);

  private static TrainingResult trained;

  @BeforeAll
  static void train() {
    List<Pair> pairs = DefaultDataset.defaultPairs().subList(0, 200);
    var config =
        TrainConfig.defaults()
            .withSpec(SPEC)
            .withOptimizer(Optimizer.ADAM)
            .withLearningRate(0.01)
            .withEpochs(1)
            .withBatchSize(32)
            .withSeed(42)
            .withPatience(0);
    trained = new Trainer(config).train(pairs, TrainState.start(KerasInitializers.model(SPEC, 42)));
  }

  @Test
  @Tag("numeric")
  void loadedModelReproducesTheTrainingSessionsValidationDistances(@TempDir Path tmp)
      throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());
    List<String> lefts = trained.validation().stream().map(Pair::left).toList();
    List<String> rights = trained.validation().stream().map(Pair::right).toList();
    LstmWeights w = trained.weights().lstm();
    var exact =
        new FloatBounds.Lstm(
            UNITS,
            w.kernel(),
            w.recurrentKernel(),
            w.bias(),
            SPEC.inputCenter(),
            SPEC.inputScale());

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      // The same weights, but other batches (sorted by length, one padded width for both sides; in
      // training each
      // side its own), so other kernel blockings: two float32 implementations, within FloatBounds'
      // envelopes.
      float[] loaded = model.distances(lefts, rights);
      float[] training = trained.validationDistances();
      assertThat(loaded).hasSameSizeAs(training);
      for (int i = 0; i < loaded.length; i++) {
        var env = FloatBounds.envelope(exact, lefts.get(i), rights.get(i), SPEC.clipEpsilon());
        assertThat(env.ratio(training[i], loaded[i]))
            .as("%s / %s: %s vs %s, %s", lefts.get(i), rights.get(i), loaded[i], training[i], env)
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  @Tag("numeric")
  void embedEqualsTheGraphsTextEmbedding(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());
    String text = "embedding \ud83d\ude00";

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      // Exact: the same ops on the same input, on the same CPU kernels. SimilarityModel runs a
      // single text as a batch of two rows (an odd batch makes the fused LSTM log a warning), so
      // the graph gets the same two rows.
      float[] twoRows = graphEmbedding(trained.weights().lstm(), List.of(text, text));
      assertThat(model.embed(text)).containsExactly(Arrays.copyOf(twoRows, twoRows.length / 2));
    }
  }

  @Test
  void metadataHoldsTheModelShapeAndTheExtraEntries(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ModelMetadata metadata = ModelMetadata.describing(SPEC).withThreshold(0.25, "chosen by a test");
    ModelExporter.export(dir, metadata, trained.weights(), staged -> {});

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.metadata().format()).isEqualTo("siamese-angular");
      assertThat(model.metadata().inputCenter()).isEqualTo(ModelSpec.DEFAULT_INPUT_CENTER);
      assertThat(model.metadata().inputScale()).isEqualTo(ModelSpec.DEFAULT_INPUT_SCALE);
      assertThat(model.units()).contains(UNITS);
      assertThat(model.threshold()).hasValue(0.25);
    }
  }

  @Test
  void weightsReaderReturnsTheExportedWeightsExactly(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());

    assertThat(WeightsReader.read(dir, 0)).isEqualTo(trained.weights().lstm());
    assertThat(WeightsReader.read(dir, UNITS)).isEqualTo(trained.weights().lstm());
  }

  @Test
  void weightsReaderNamesExpectedAndFoundUnitsOnAMismatch(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());

    assertThatThrownBy(() -> WeightsReader.read(dir, 7))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("has 4 LSTM units, expected 7");
  }

  @Test
  void exportingAgainReplacesTheModelAndLeavesNoSiblings(@TempDir Path tmp) throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());
    LstmWeights other = KerasInitializers.lstm(UNITS, 99);

    export(dir, other);

    assertThat(WeightsReader.read(dir, UNITS)).isEqualTo(other);
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("model");
    }
  }

  @Test
  void exportRefusesANonEmptyDirectoryThatIsNotAModel(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("notes"));
    Files.writeString(dir.resolve("todo.txt"), "keep me");

    assertThatThrownBy(() -> export(dir, trained.weights().lstm()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("refusing to replace")
        .hasMessageContaining("no saved_model.pb");
    assertThat(Files.readString(dir.resolve("todo.txt"))).isEqualTo("keep me");
  }

  @Test
  void loadRecoversTheModelLeftAsPreviousWhenAReplacementWasCutBetweenItsRenames(@TempDir Path tmp)
      throws IOException {
    Path dir = export(tmp.resolve("model"), trained.weights().lstm());
    Path previous = tmp.resolve(".model.previous");
    Files.move(dir, previous);

    try (SimilarityModel model = SimilarityModel.load(dir)) {
      assertThat(model.distance("abc", "abd")).isBetween(0f, 1f);
    }
    assertThat(dir.resolve("saved_model.pb")).isRegularFile();
    assertThat(previous).doesNotExist();
  }

  private static Path export(Path dir, LstmWeights weights) throws IOException {
    ModelExporter.export(dir, SPEC, weights);
    return dir;
  }

  private static float[] graphEmbedding(LstmWeights weights, List<String> texts) {
    try (Graph g = new Graph();
        Session s = new Session(g, SessionConfig.DEFAULT)) {
      SiameseGraph model = SiameseGraph.build(Ops.create(g), SPEC, weights);
      try (TFloat32 t = CodePoints.tensor(texts);
          Result r = s.runner().feed(model.text, t).fetch(model.textEmbedding).run()) {
        return Tensors.floats(r.get(0));
      }
    }
  }
}
