package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siameseangular.graph.ModelNames;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * SavedModels whose serving signature is shaped as Keras 3 {@code model.export} writes it (one
 * output named {@code output_0}, integer inputs for an {@code Embedding}, names chosen by the user)
 * load and score. The models here compute {@code sum(left code points) - sum(right code points)},
 * which every format carries exactly, so the expected distance of ("ab", "a") is 'b' = 98; a
 * padding row or a wrong padding value would change it.
 */
class ForeignSignatureTest {
  @TempDir Path dir;

  /** What the test model's signature looks like. */
  record Spec(
      String leftName,
      String rightName,
      Class<? extends TNumber> type,
      Shape inputShape,
      Map<String, Shape> outputs) {}

  @ParameterizedTest(name = "{0} inputs {1}, output {2}")
  @CsvSource({
    "float32, '-1,-1,1', '-1,1'",
    "int32, '-1,-1', '-1'",
    "int64, '-1,-1', '-1,1'",
    "int32, '-1,-1,1', '-1'",
    "float32, '-1,-1', '-1'"
  })
  void aKerasShapedExportScoresThroughItsOnlyOutput(String type, String input, String output) {
    Path model =
        export(
            new Spec("left", "right", type(type), shape(input), Map.of("output_0", shape(output))));
    try (var m = SimilarityModel.load(model)) {
      assertThat(m.distances(List.of("ab", "x", "hello"), List.of("a", "x", "hell")))
          .containsExactly(98f, 0f, 111f);
      assertThat(m.distance("ab", "a")).isEqualTo(98f);
    }
  }

  @Test
  void aModelWithoutEmbedScoresButSaysWhatEmbeddingNeeds() {
    Path model = export(new Spec("left", "right", TInt32.class, shape("-1,-1"), oneOutput()));
    try (var m = SimilarityModel.load(model)) {
      assertThat(m.canEmbed()).isFalse();
      assertThatThrownBy(() -> m.embed(List.of("a")))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("has no \"embed\" signature")
          .hasMessageContaining("can only score pairs");
    }
  }

  @Test
  void userNamedInputsAreRefusedWithTheNamesFoundAndTheOptionsToUse() {
    Path model = export(new Spec("query", "candidate", TInt32.class, shape("-1,-1"), oneOutput()));
    assertThatThrownBy(() -> SimilarityModel.load(model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("has no input \"left\"")
        .hasMessageContaining("\"candidate\"")
        .hasMessageContaining("\"query\"")
        .hasMessageContaining("--left-input and --right-input");
  }

  @Test
  void userNamedInputsLoadWhenNamed() {
    Path model = export(new Spec("query", "candidate", TInt32.class, shape("-1,-1"), oneOutput()));
    try (var m =
        SimilarityModel.load(model, LoadOptions.DEFAULT.withInputs("query", "candidate"))) {
      assertThat(m.distance("ab", "a")).isEqualTo(98f);
    }
    // Swapped, the same model gives the negated difference: the names decide which side is which.
    try (var m =
        SimilarityModel.load(model, LoadOptions.DEFAULT.withInputs("candidate", "query"))) {
      assertThat(m.distance("ab", "a")).isEqualTo(-98f);
    }
  }

  @Test
  void severalOutputsNeedOneNamed() {
    Path model =
        export(
            new Spec(
                "left",
                "right",
                TInt32.class,
                shape("-1,-1"),
                Map.of("output_0", shape("-1,1"), "output_1", shape("-1"))));
    assertThatThrownBy(() -> SimilarityModel.load(model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("several outputs")
        .hasMessageContaining("--output");
    try (var m = SimilarityModel.load(model, LoadOptions.DEFAULT.withOutput("output_1"))) {
      assertThat(m.distance("ab", "a")).isEqualTo(98f);
    }
  }

  @Test
  void anOutputThatIsNotOneValuePerPairIsRefused() {
    Path model =
        export(
            new Spec("left", "right", TInt32.class, shape("-1,-1"), Map.of("out", shape("-1,3"))));
    assertThatThrownBy(() -> SimilarityModel.load(model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("output \"out\"")
        .hasMessageContaining("[batch, 1] or [batch]");
  }

  @Test
  void aNamedOutputThatDoesNotExistIsRefused() {
    Path model = export(new Spec("left", "right", TInt32.class, shape("-1,-1"), oneOutput()));
    assertThatThrownBy(() -> SimilarityModel.load(model, LoadOptions.DEFAULT.withOutput("dist")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("has no output \"dist\"")
        .hasMessageContaining("\"output_0\"");
  }

  @Test
  void aFixedLengthInputIsPaddedToItsLengthAndRefusesLongerText() {
    Path model = export(new Spec("left", "right", TInt64.class, shape("-1,6"), oneOutput()));
    try (var m = SimilarityModel.load(model)) {
      assertThat(m.distance("ab", "a")).isEqualTo(98f);
      assertThatThrownBy(() -> m.distance("abcdefg", "a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most 6");
    }
  }

  private static Map<String, Shape> oneOutput() {
    return Map.of("output_0", shape("-1"));
  }

  private static Shape shape(String dims) {
    String[] parts = dims.split(",");
    long[] sizes = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      sizes[i] = Long.parseLong(parts[i].trim());
    }
    return Shape.of(sizes);
  }

  private static Class<? extends TNumber> type(String name) {
    return switch (name) {
      case "float32" -> TFloat32.class;
      case "int32" -> TInt32.class;
      case "int64" -> TInt64.class;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Exports {@code spec}; each output is {@code scale * (sum(left) - sum(right))}, scale = 1. */
  private Path export(Spec spec) {
    Path out = dir.resolve("model-" + System.nanoTime());
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var left = tf.withName(spec.leftName()).placeholder(spec.type(), shapeOf(spec));
      var right = tf.withName(spec.rightName()).placeholder(spec.type(), shapeOf(spec));
      // A variable, as every Keras export has one (the exporter writes a checkpoint).
      var scale = tf.withName("scale").variable(tf.constant(1f));
      Operand<TFloat32> difference =
          tf.math.mul(scale, tf.math.sub(rowSums(tf, left), rowSums(tf, right)));
      var builder =
          Signature.builder()
              .key(ModelNames.DISTANCE_SIGNATURE)
              .methodName(ModelNames.PREDICT_METHOD)
              .input(spec.leftName(), left)
              .input(spec.rightName(), right);
      spec.outputs().forEach((name, shape) -> builder.output(name, shaped(tf, difference, shape)));
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(out.toString())
            .withTags(ModelNames.TAG)
            .withSession(session)
            .withFunction(session.function(builder.build()))
            .export();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** {@code [B]} as {@code shape}: {@code [B]}, or {@code [B, k]} of k copies. */
  private static Operand<TFloat32> shaped(Ops tf, Operand<TFloat32> values, Shape shape) {
    if (shape.numDimensions() == 1) {
      return values;
    }
    Operand<TFloat32> column = tf.expandDims(values, tf.constant(1));
    return tf.tile(column, tf.constant(new int[] {1, (int) shape.size(1)}));
  }

  private static Placeholder.Options shapeOf(Spec spec) {
    return Placeholder.shape(spec.inputShape());
  }

  /** The sum of each row's code points, as float32 {@code [B]}. */
  private static Operand<TFloat32> rowSums(Ops tf, Operand<? extends TNumber> codePoints) {
    Operand<TFloat32> f = tf.dtypes.cast(codePoints, TFloat32.class);
    int rank = codePoints.shape().numDimensions();
    int[] axes = rank == 3 ? new int[] {1, 2} : new int[] {1};
    return tf.reduceSum(f, tf.constant(axes), ReduceSum.keepDims(false));
  }
}
