package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.Main;
import org.siameseangular.graph.ModelNames;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * A SavedModel that breaks the scoring contract ({@code serving_default(left, right) -> distance},
 * float32 code points {@code [batch, time, 1]}) is refused on load with what was wrong and the
 * signatures found, before anything is fed to it.
 */
class SignatureContractTest {
  private static final Shape SEQUENCES = Shape.of(-1, -1, 1);

  /** What a signature's graph is made of: inputs and an output to name in it. */
  private record Parts(Operand<?> left, Operand<?> right, Operand<TFloat32> distance) {}

  private interface Design {
    Signature build(Parts parts, Signature.Builder signature);
  }

  /**
   * Exports a graph of a float32 {@code left} and {@code right} (or {@code left} as strings) whose
   * "distance" is the sum of {@code right}'s code points, under the signature {@code design} makes.
   */
  private static Path export(Path dir, boolean stringLeft, Shape rightShape, Design design)
      throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<?> left =
          stringLeft
              ? tf.withName("left").placeholder(TString.class, Placeholder.shape(Shape.of(-1)))
              : tf.withName("left").placeholder(TFloat32.class, Placeholder.shape(SEQUENCES));
      Operand<TFloat32> right =
          tf.withName("right").placeholder(TFloat32.class, Placeholder.shape(rightShape));
      Operand<TFloat32> distance =
          tf.withName("distance").reduceSum(right, tf.constant(new int[] {1, 2}));
      Signature sig =
          design.build(
              new Parts(left, right, distance),
              Signature.builder().methodName(ModelNames.PREDICT_METHOD));
      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(dir.toString())
            .withTags(ModelNames.TAG)
            .withSession(s)
            .withFunction(s.function(sig))
            .export();
      }
    }
    return dir;
  }

  @Test
  void aModelWithoutServingDefaultIsRefusedListingTheSignaturesFound(@TempDir Path tmp)
      throws IOException {
    Path dir =
        export(
            tmp.resolve("m"),
            false,
            SEQUENCES,
            (p, s) ->
                s.key("compare")
                    .input("left", p.left())
                    .input("right", p.right())
                    .output("distance", p.distance())
                    .build());

    assertThatThrownBy(() -> SimilarityModel.load(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("the SavedModel at " + dir + " does not match the scoring contract")
        .hasMessageContaining("it has no \"serving_default\" signature")
        .hasMessageContaining("found: compare(")
        .hasMessageContaining("-> distance");
  }

  @Test
  void aMissingInputIsRefusedNamingItAndTheInputsFound(@TempDir Path tmp) throws IOException {
    Path dir =
        export(
            tmp.resolve("m"),
            false,
            SEQUENCES,
            (p, s) ->
                s.key(ModelNames.DISTANCE_SIGNATURE)
                    .input("left", p.left())
                    .input("second", p.right())
                    .output("distance", p.distance())
                    .build());

    assertThatThrownBy(() -> SimilarityModel.load(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("signature \"serving_default\" has no input \"right\"")
        .hasMessageContaining("second");
  }

  @Test
  void anInputThatIsNotCodePointsIsRefusedNamingItsType(@TempDir Path tmp) throws IOException {
    Path dir =
        export(
            tmp.resolve("m"),
            true,
            SEQUENCES,
            (p, s) ->
                s.key(ModelNames.DISTANCE_SIGNATURE)
                    .input("left", p.left())
                    .input("right", p.right())
                    .output("distance", p.distance())
                    .build());

    assertThatThrownBy(() -> SimilarityModel.load(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("input \"left\"")
        .hasMessageContaining("DT_STRING");
  }

  @Test
  void anInputWithTwoFeaturesPerStepIsRefusedNamingItsShape(@TempDir Path tmp) throws IOException {
    Path dir =
        export(
            tmp.resolve("m"),
            false,
            Shape.of(-1, -1, 2),
            (p, s) ->
                s.key(ModelNames.DISTANCE_SIGNATURE)
                    .input("left", p.left())
                    .input("right", p.right())
                    .output("distance", p.distance())
                    .build());

    assertThatThrownBy(() -> SimilarityModel.load(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("input \"right\"")
        .hasMessageContaining("2]");
  }

  @Test
  void scoreWithSuchAModelExitsOneWithTheMessageAndNoStackTrace(@TempDir Path tmp)
      throws IOException {
    Path dir =
        export(
            tmp.resolve("m"),
            false,
            SEQUENCES,
            (p, s) ->
                s.key("compare")
                    .input("left", p.left())
                    .input("right", p.right())
                    .output("distance", p.distance())
                    .build());
    var err = new StringWriter();

    int exit =
        Main.run(
            new String[] {"score", "--model", dir.toString(), "a", "b"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("does not match the scoring contract")
        .doesNotContain("at org.");
  }
}
