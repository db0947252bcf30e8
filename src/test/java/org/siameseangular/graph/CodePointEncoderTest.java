package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The encoding stage: what each encoding computes, that it keeps code points apart, and its
 * gradient.
 */
class CodePointEncoderTest {
  private static final List<Integer> MODULI = List.of(1031, 1087);
  private static final int[] PROBES = {
    0, 1, 97, 1030, 1031, 1087, 0x4E00, 0xAC00, 0x1F600, 0x10FFFF
  };

  @Test
  void hashedFeaturesAreTheTanhOfOneTableRowPerModulusSummed() {
    var encoding = new InputEncoding.Hashed(MODULI, 2);
    // Row r holds ((r % 7 - 3) / 4, r / 2048): the sums are exact in float32, so only tanh rounds.
    float[] table = new float[2118 * 2];
    for (int r = 0; r < 2118; r++) {
      table[2 * r] = (r % 7 - 3) / 4f;
      table[2 * r + 1] = r / 2048f;
    }
    float[][] features = encode(encoding, table, PROBES);
    for (int i = 0; i < PROBES.length; i++) {
      int c = PROBES[i];
      int a = c % 1031;
      int b = 1031 + c % 1087;
      // float32 tanh is within a few ulps of the exact value; |tanh| < 1, so 1e-6 is >= 8 ulps.
      assertThat((double) features[i][0])
          .as("U+%04X", c)
          .isCloseTo(Math.tanh(table[2 * a] + table[2 * b]), within(1e-6));
      assertThat((double) features[i][1])
          .as("U+%04X", c)
          .isCloseTo(Math.tanh(table[2 * a + 1] + table[2 * b + 1]), within(1e-6));
    }
  }

  @Test
  void hashedFeaturesStayInsideTheOpenUnitIntervalForAnyTable() {
    var encoding = new InputEncoding.Hashed(MODULI, 1);
    float[] table = new float[2118];
    for (int r = 0; r < table.length; r++) {
      table[r] = (r % 2 == 0 ? 1 : -1) * 1e30f;
    }
    float[][] features = encode(encoding, table, PROBES);
    for (int i = 0; i < PROBES.length; i++) {
      int c = PROBES[i];
      assertThat(features[i][0]).as("U+%04X", c).isBetween(-1f, 1f);
    }
  }

  @Test
  void coprimeModuliGiveEveryCodePointItsOwnPairOfRows() {
    boolean[] seen = new boolean[1031 * 1087];
    for (int c = 0; c <= InputEncoding.MAX_CODE_POINT; c++) {
      int key = (c % 1031) * 1087 + c % 1087;
      assertThat(seen[key]).as("U+%04X shares both rows with an earlier code point", c).isFalse();
      seen[key] = true;
    }
  }

  @Test
  void foldedFeaturesSumTheFoldsHashedRowsTheJamoRowsAndTheDetailRow() {
    var encoding = new InputEncoding.Folded(MODULI, 2);
    int rows = encoding.rows();
    assertThat(rows).isEqualTo(2118 + 71 + 1214);
    // Row r holds ((r % 7 - 3) / 4, r / 4096): sums of six are exact in float32, only tanh rounds.
    float[] table = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      table[2 * r] = (r % 7 - 3) / 4f;
      table[2 * r + 1] = r / 4096f;
    }
    // É and e, Ж and z (ISO 9), θ, the first and last Hangul syllables and 각 (U+AC01: lead 0,
    // vowel 0, trail 1), the code points around the table's end, padding, and the last code point.
    int[] probes = {
      'É', 'e', 'Ж', 'z', 'θ', 0xAC00, 0xD7A3, 0xAC01, 0xD7A4, 0x4E00, 0x1FFF, 0x2000, 0, 0x10FFFF
    };
    // Hand-computed rows: {fold mod 1031, 1031 + fold mod 1087, 2118 + L, 2138 + V, 2160 + T,
    // 2189 + c mod 1214}.
    int[][] expected = {
      {101, 1031 + 101, 2118 + 19, 2138 + 21, 2160 + 28, 2189 + 201}, // É = U+00C9 = 201 -> e
      {101, 1031 + 101, 2137, 2159, 2188, 2189 + 101},
      {122, 1031 + 122, 2137, 2159, 2188, 2189 + 1046}, // Ж = U+0416 = 1046 -> z (122)
      {122, 1031 + 122, 2137, 2159, 2188, 2189 + 122},
      {116, 1031 + 116, 2137, 2159, 2188, 2189 + 952}, // θ = U+03B8 = 952 -> t (116)
      // U+AC00 = 44032 = 42 * 1031 + 730 = 40 * 1087 + 552; 44032 mod 1214 = 328
      {730, 1031 + 552, 2118, 2138, 2160, 2189 + 328},
      // U+D7A3: s = 11171 = 18 * 588 + 587, 587 = 20 * 28 + 27; 55203 mod 1214 = 573
      {730, 1031 + 552, 2118 + 18, 2138 + 20, 2160 + 27, 2189 + 573},
      {730, 1031 + 552, 2118, 2138, 2160 + 1, 2189 + 329},
      // U+D7A4 = 55204 is no syllable: 55204 = 53 * 1031 + 561 = 50 * 1087 + 854; mod 1214 = 574
      {561, 1031 + 854, 2137, 2159, 2188, 2189 + 574},
      // U+4E00 = 19968 = 19 * 1031 + 379 = 18 * 1087 + 402; 19968 mod 1214 = 544
      {379, 1031 + 402, 2137, 2159, 2188, 2189 + 544},
      // U+1FFF = 8191, unassigned, folds to itself: 7 * 1031 + 974, 7 * 1087 + 582; mod 1214 = 907
      {974, 1031 + 582, 2137, 2159, 2188, 2189 + 907},
      // U+2000 = 8192 = 7 * 1031 + 975 = 7 * 1087 + 583; 8192 mod 1214 = 908
      {975, 1031 + 583, 2137, 2159, 2188, 2189 + 908},
      {0, 1031, 2137, 2159, 2188, 2189},
      // U+10FFFF = 1114111 = 1080 * 1031 + 631 = 1024 * 1087 + 1023; mod 1214 = 873
      {631, 1031 + 1023, 2137, 2159, 2188, 2189 + 873},
      // U+ABFF = 44031, just below the syllables: 42 * 1031 + 729, 40 * 1087 + 551; mod 1214 = 327
      {729, 1031 + 551, 2137, 2159, 2188, 2189 + 327},
      // -5 (no code point, but any input must stay inside the table): floor mod is non-negative
      {1026, 1031 + 1082, 2137, 2159, 2188, 2189 + 1209},
    };
    float[][] features = encode(encoding, table, probes);
    for (int i = 0; i < probes.length; i++) {
      double sum0 = 0;
      double sum1 = 0;
      for (int r : expected[i]) {
        sum0 += table[2 * r];
        sum1 += table[2 * r + 1];
      }
      // float32 tanh is within a few ulps of the exact value; |tanh| < 1, so 1e-6 is >= 8 ulps.
      assertThat((double) features[i][0])
          .as("U+%04X", probes[i])
          .isCloseTo(Math.tanh(sum0), within(1e-6));
      assertThat((double) features[i][1])
          .as("U+%04X", probes[i])
          .isCloseTo(Math.tanh(sum1), within(1e-6));
    }
  }

  @Test
  void foldedTableStartsWithSmallDetailRows() {
    var encoding = InputEncoding.Folded.DEFAULT;
    float[] table = KerasInitializers.model(ModelSpec.defaults(), 7).embeddings();
    int d = encoding.dimension();
    float hashedMax = 0;
    float detailMax = 0;
    for (int i = 0; i < table.length; i++) {
      if (i / d >= encoding.detailOffset()) {
        detailMax = Math.max(detailMax, Math.abs(table[i]));
      } else {
        hashedMax = Math.max(hashedMax, Math.abs(table[i]));
      }
    }
    assertThat(detailMax).isLessThanOrEqualTo(InputEncoding.Folded.DETAIL_INIT_LIMIT);
    assertThat(hashedMax)
        .isGreaterThan(InputEncoding.Folded.DETAIL_INIT_LIMIT)
        .isLessThanOrEqualTo(InputEncoding.Hashed.INIT_LIMIT);
  }

  @Test
  void scalarEncodingIsTheOriginalScaling() {
    var encoding = new InputEncoding.Scalar(96f, 32f);
    float[][] features = encode(encoding, null, new int[] {0, 96, 97, 128});
    assertThat(features[0]).containsExactly(-3f);
    assertThat(features[1]).containsExactly(0f);
    assertThat(features[2]).containsExactly(1f / 32f);
    assertThat(features[3]).containsExactly(1f);
  }

  @Test
  void tableGradientReachesTheRowsOfTheTextsCodePointsAndNeverThePaddingRows() {
    var spec = new ModelSpec(3, new InputEncoding.Hashed(MODULI, 2), 1e-6f);
    ModelWeights weights = KerasInitializers.model(spec, 5);
    float[] gradient;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      SiameseGraph model = SiameseGraph.build(tf, spec, weights);
      AngularLoss loss = new AngularLoss(tf, model.distance);
      var gradients = tf.gradients(loss.loss, List.of(model.trainableVariables().get(0)));
      try (Session s = new Session(g);
          TFloat32 left = CodePoints.tensor(List.of("ab", "xyz"));
          TFloat32 right = CodePoints.tensor(List.of("c", "d"));
          TFloat32 labels = TFloat32.vectorOf(1f, 0f)) {
        s.initialize();
        try (Result r =
            s.runner()
                .feed(model.left, left)
                .feed(model.right, right)
                .feed(loss.labels, labels)
                .fetch(gradients.<TFloat32>dy(0))
                .run()) {
          TFloat32 t = (TFloat32) r.get(0);
          gradient = new float[(int) t.shape().size()];
          t.asRawTensor().data().asFloats().read(gradient);
        }
      }
    }
    var expected = new TreeSet<Integer>();
    "abxyzcd"
        .codePoints()
        .forEach(
            c -> {
              expected.add(c % 1031);
              expected.add(1031 + c % 1087);
            });
    var nonZero = new TreeSet<Integer>();
    for (int row = 0; row < 2118; row++) {
      if (gradient[2 * row] != 0 || gradient[2 * row + 1] != 0) {
        nonZero.add(row);
      }
    }
    // Rows 0 and 1031 are what the padding step of "ab" (padded to the 3 steps of "xyz") gathers:
    // the state is
    // taken at each row's last real step, so a padding step gets exactly zero gradient.
    assertThat(nonZero).isEqualTo(expected).doesNotContain(0, 1031);
  }

  @Test
  void moduliThatShareAFactorAreRefused() {
    assertThatThrownBy(() -> new InputEncoding.Hashed(List.of(1024, 1088), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pairwise coprime");
  }

  @Test
  void moduliWhoseProductCannotSeparateAllOfUnicodeAreRefused() {
    assertThatThrownBy(() -> new InputEncoding.Hashed(List.of(257, 263), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must exceed U+10FFFF");
  }

  @Test
  void aWeightsTableOfTheWrongShapeIsRefused() {
    var spec = new ModelSpec(3, new InputEncoding.Hashed(MODULI, 2), 1e-6f);
    var wrong = new ModelWeights(new float[10], KerasInitializers.lstm(3, 2, 1));
    try (Graph g = new Graph()) {
      assertThatThrownBy(() -> SiameseGraph.build(Ops.create(g), spec, wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[2118, 2]")
          .hasMessageContaining("found 10 values");
    }
  }

  /** Features of single code points, one step each: {@code [n][width]}. */
  private static float[][] encode(InputEncoding encoding, float[] table, int[] codePoints) {
    float[] input = new float[codePoints.length];
    for (int i = 0; i < input.length; i++) {
      input[i] = codePoints[i];
    }
    int width = encoding.width();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Operand<TFloat32> features = new CodePointEncoder(tf, encoding, table).encode(x);
      try (Session s = new Session(g);
          TFloat32 t =
              TFloat32.tensorOf(Shape.of(input.length, 1, 1), DataBuffers.of(input, true, false))) {
        s.initialize();
        try (Result r = s.runner().feed(x, t).fetch(features).run()) {
          TFloat32 out = (TFloat32) r.get(0);
          assertThat(out.shape()).isEqualTo(Shape.of(input.length, 1, width));
          float[] flat = new float[input.length * width];
          out.asRawTensor().data().asFloats().read(flat);
          List<float[]> rows = new ArrayList<>();
          for (int i = 0; i < input.length; i++) {
            float[] row = new float[width];
            System.arraycopy(flat, i * width, row, 0, width);
            rows.add(row);
          }
          return rows.toArray(new float[0][]);
        }
      }
    }
  }
}
