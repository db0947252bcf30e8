package org.siameseangular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.model.WeightsReader;

/**
 * {@link FloatBounds} and python-export/bounds.py are one derivation written twice: for the
 * committed Keras reference model they give the same envelopes. The expected numbers were printed
 * by bounds.py; the two sides sum in other orders in double precision, so they agree to about
 * 1e-15, far inside 1e-12.
 */
@Tag("numeric")
class FloatBoundsTest {
  private static final Path KERAS_REFERENCE = Path.of("models", "keras-reference");
  private static final double CLIP_EPSILON = 1e-6;

  private static FloatBounds.Lstm kerasReference() {
    LstmWeights w = WeightsReader.read(KERAS_REFERENCE, 0);
    // inputCenter 96, inputScale 32: models/keras-reference/siamese-angular.json.
    return new FloatBounds.Lstm(w.units(), w.kernel(), w.recurrentKernel(), w.bias(), 96, 32);
  }

  @ParameterizedTest
  @CsvSource({
    "hello, helo, 0.11131215314089703, 0.11129442084293606, 0.11132988480335178",
    "abc, abd, 0.007068498219907294, 0.007028135502999641, 0.007108634583204605",
    "\u6771\u4eac, \u6771\u4eac\u90fd, 0.00482823890227218, 0.004774256345512044,"
        + " 0.004881625003302716",
    "\ud83d\ude00, \ud83d\ude00, 0.00045313715593654107, 0.0004531368318275905,"
        + " 0.0007122475463307863",
  })
  void envelopesEqualThoseOfBoundsPy(
      String left, String right, double distance, double low, double high) {
    var env = FloatBounds.envelope(kerasReference(), left, right, CLIP_EPSILON);

    assertThat(env.distance()).isCloseTo(distance, within(1e-12));
    assertThat(env.low()).isCloseTo(low, within(1e-12));
    assertThat(env.high()).isCloseTo(high, within(1e-12));
  }

  @Test
  void embeddingBoundEqualsThatOfBoundsPy() {
    var e = kerasReference().embed("hello");

    assertThat(e.value()[0]).isCloseTo(-0.014584745153735892, within(1e-12));
    assertThat(e.error()[0]).isCloseTo(5.781340483625667e-07, within(1e-15));
  }

  @Test
  void nearZeroTheDistanceBoundWidensAndTheCosineBoundNarrows() {
    var lstm = kerasReference();
    var near = FloatBounds.envelope(lstm, "abc", "abd", CLIP_EPSILON);
    var far = FloatBounds.envelope(lstm, "hello", "world", CLIP_EPSILON);

    assertThat(near.distance()).isLessThan(FloatBounds.NEAR_ZERO);
    assertThat(near.distanceTolerance()).isGreaterThan(2 * far.distanceTolerance());
    assertThat(near.cosineTolerance()).isLessThan(far.cosineTolerance());
  }
}
