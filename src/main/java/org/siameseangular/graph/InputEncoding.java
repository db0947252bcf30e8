package org.siameseangular.graph;

import java.util.List;
import java.util.stream.Collectors;
import org.siameseangular.io.Decimals;

/**
 * How the graph turns each raw code point {@code c} (a float32 step of the {@code [B, T, 1]} input)
 * into the {@link #width()} features per step that the shared LSTM reads. Built into the graph by
 * {@link CodePointEncoder}; the model's external contract (raw code points in, distance out) is the
 * same for every encoding.
 *
 * <ul>
 *   <li>{@link Scalar}: the Keras original's one feature {@code (c - center) / scale}. Above a few
 *       hundred it saturates every gate, so all non-Latin text looks alike;
 *   <li>{@link Hashed}: a learned code-point embedding, {@code tanh} of the sum of one table row
 *       per modulus, gathered at {@code c mod m_k}; with pairwise coprime moduli whose product
 *       exceeds U+10FFFF no two code points share every row (Chinese remainder theorem);
 *   <li>{@link Folded} (the default): the hashed rows of the code point's fold (its lower-case base
 *       letter, Cyrillic and Greek romanised; {@link CodePointFold}), rows for the three jamo of a
 *       Hangul syllable, and a small "detail" row of the code point itself that keeps every code
 *       point distinct. Case, diacritic and transliteration variants start out alike.
 * </ul>
 *
 * The choice and its measurements: docs/encoding-calibration.md.
 */
public sealed interface InputEncoding permits InputEncoding.Scalar, InputEncoding.Table {

  /** The largest Unicode code point; the hashed encoding keeps all of 0..this distinct. */
  int MAX_CODE_POINT = 0x10FFFF;

  /** Features per step: the rows of the LSTM kernel. */
  int width();

  /** The name written in model metadata and accepted by {@code train --encoding}. */
  String kind();

  /** A short description for logs and reports, e.g. {@code hashed(1031x1087, d8)}. */
  String describe();

  /**
   * An encoding by a learned table: {@code e(c) = tanh(sum_j T[id_j(c)])} over {@link
   * #idsPerStep()} rows of one table {@code T: [rows, dimension]} (the variable {@link
   * ModelNames#EMBEDDINGS}).
   */
  sealed interface Table extends InputEncoding permits Hashed, Folded {
    /** Rows of the table. */
    int rows();

    /** Features per step: the table's columns. */
    int dimension();

    /** The moduli of the hashed rows. */
    List<Integer> moduli();

    /** The first row of each modulus' block: 0, m_0, m_0 + m_1, ... */
    default int[] offsets() {
      int[] offsets = new int[moduli().size()];
      for (int k = 1; k < offsets.length; k++) {
        offsets[k] = offsets[k - 1] + moduli().get(k - 1);
      }
      return offsets;
    }

    /** Table rows summed per step. */
    int idsPerStep();

    /** Initial rows of the table are drawn from U(-limit, limit) with this row's limit. */
    float initLimit(int row);

    @Override
    default int width() {
      return dimension();
    }
  }

  /**
   * The Keras original's encoding, {@code (c - center) / scale}: one feature per step.
   *
   * @param center subtracted from each code point
   * @param scale each centred code point is divided by this, > 0
   */
  record Scalar(float center, float scale) implements InputEncoding {
    /** The {@link #kind()} of this encoding. */
    public static final String KIND = "scalar";

    /** Centres the lower-case ASCII letters (U+0061..U+007A) near 0 with unit spread. */
    public static final float DEFAULT_CENTER = 96f;

    public static final float DEFAULT_SCALE = 32f;

    /** The original's scaling, {@code (c - 96) / 32}. */
    public static final Scalar DEFAULT = new Scalar(DEFAULT_CENTER, DEFAULT_SCALE);

    public Scalar {
      if (!Float.isFinite(center)) {
        throw new IllegalArgumentException("inputCenter must be finite, found " + center);
      }
      if (!(scale > 0) || !Float.isFinite(scale)) {
        throw new IllegalArgumentException(
            "inputScale must be a finite number > 0, found " + scale);
      }
    }

    @Override
    public int width() {
      return 1;
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String describe() {
      return "scalar((c - " + Decimals.format(center) + ") / " + Decimals.format(scale) + ")";
    }
  }

  /**
   * A learned code-point embedding: {@code e(c) = tanh(sum_k T[offset_k + (c mod m_k)])} with one
   * table {@code T: [sum_k m_k, dimension]}, where the rows of modulus k start at {@code offset_k =
   * m_0 + ... + m_(k-1)}. The same function as one Keras {@code Embedding(sum_k m_k, dimension)}
   * looked up at the K ids and summed. The {@code tanh} keeps every feature in (-1, 1) however far
   * training moves the table, so the LSTM's gates cannot saturate as the scalar input does.
   *
   * @param moduli pairwise coprime, each in [2, 2^20], product > {@link #MAX_CODE_POINT}
   * @param dimension features per step, in [1, 1024]
   */
  record Hashed(List<Integer> moduli, int dimension) implements Table {
    /** The {@link #kind()} of this encoding. */
    public static final String KIND = "hashed";

    /**
     * Two moduli of about 1,000 rows: 1031 x 1087 > U+10FFFF, so every code point gets its own pair
     * of rows, and any run of up to 1031 consecutive code points (a whole alphabet) gets pairwise
     * different rows in both tables. Chosen by calibration against (101, 103, 109) and (251, 257,
     * 263): the larger tables learn case, spacing and word order best on real names
     * (docs/encoding-calibration.md).
     */
    public static final List<Integer> DEFAULT_MODULI = List.of(1031, 1087);

    /** 8 features per step: equal to 16 and 24 in calibration, and cheap for the LSTM. */
    public static final int DEFAULT_DIMENSION = 8;

    /**
     * Rows start as U(-0.5, 0.5). Keras's {@code Embedding} default, RandomUniform(-0.05, 0.05)
     * (keras/src/initializers/random_initializers.py), trained slower and ended lower in
     * calibration; 0.5 keeps {@code tanh} of a two-row sum in its steep part.
     */
    public static final float INIT_LIMIT = 0.5f;

    /** The default hashed encoding. */
    public static final Hashed DEFAULT = new Hashed(DEFAULT_MODULI, DEFAULT_DIMENSION);

    public Hashed {
      moduli = checkModuli(moduli);
      checkDimension(dimension);
    }

    /** Rows of the table: the sum of the moduli. */
    @Override
    public int rows() {
      return sumOf(moduli);
    }

    @Override
    public int idsPerStep() {
      return moduli.size();
    }

    @Override
    public float initLimit(int row) {
      return INIT_LIMIT;
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String describe() {
      return "hashed(" + joined(moduli) + ", d" + dimension + ")";
    }
  }

  /**
   * The default encoding: {@code e(c) = tanh(sum_k T[offset_k + (f mod m_k)] + T[J + L] + T[J + 20
   * + V] + T[J + 42 + Tr] + T[J + 71 + (c mod 1214)])}, one table of {@code J + 71 + 1214} rows,
   * {@code J} = the sum of the moduli, where
   *
   * <ul>
   *   <li>{@code f} is the code point's fold ({@link CodePointFold}: {@code É, é, e -> e}; {@code ж
   *       -> z}), and every Hangul syllable folds to U+AC00, so the hashed rows say "which letter,
   *       whatever its case, accents or script" and are shared by all syllables;
   *   <li>{@code L, V, Tr} are a Hangul syllable's leading consonant (0..18), vowel (0..20) and
   *       trailing consonant (0..27) by the Unicode syllable arithmetic ({@code s = c - 0xAC00; L =
   *       s / 588; V = (s mod 588) / 28; Tr = s mod 28}; The Unicode Standard 15.0, section 3.12),
   *       and 19, 21, 28 for any other code point: a typo on a Korean keyboard changes one jamo, so
   *       one row of three;
   *   <li>the detail row {@code c mod 1214} tells apart code points of one fold ({@code A} from
   *       {@code a}): 1214 is the smallest modulus under which no two code points of one fold share
   *       it (CodePointFoldTest), so no two code points share every row. Its rows start small
   *       ({@link #DETAIL_INIT_LIMIT}), so variants start out nearly alike and training decides how
   *       much case or accents matter.
   * </ul>
   *
   * @param moduli the hashed rows' moduli, as {@link Hashed}
   * @param dimension features per step, in [1, 1024]
   */
  record Folded(List<Integer> moduli, int dimension) implements Table {
    /** The {@link #kind()} of this encoding. */
    public static final String KIND = "folded";

    /** The first code point of the Hangul Syllables block, U+AC00. */
    public static final int HANGUL_FIRST = 0xAC00;

    /** Hangul syllables: 19 x 21 x 28. */
    public static final int HANGUL_COUNT = 11172;

    /** Leading consonants, vowels and trailing consonants (with "none") of a syllable. */
    public static final int LEADS = 19;

    public static final int VOWELS = 21;
    public static final int TRAILS = 28;

    /** The jamo rows: one more per kind for "not a syllable". */
    public static final int JAMO_ROWS = (LEADS + 1) + (VOWELS + 1) + (TRAILS + 1);

    /** The detail rows' modulus (see the class comment). */
    public static final int DETAIL_MODULUS = 1214;

    /** Detail rows start as U(-0.05, 0.05), Keras's Embedding default. */
    public static final float DETAIL_INIT_LIMIT = 0.05f;

    /**
     * 16 features per step: in calibration 16 told Han, Kana and Hangul characters apart better
     * than 8 (typo AUC +0.01 to +0.03) at a small cost (docs/encoding-calibration.md).
     */
    public static final int DEFAULT_DIMENSION = 16;

    /** The default folded encoding: moduli 1031 and 1087, 16 features. */
    public static final Folded DEFAULT = new Folded(Hashed.DEFAULT_MODULI, DEFAULT_DIMENSION);

    public Folded {
      moduli = checkModuli(moduli);
      checkDimension(dimension);
    }

    /** The first jamo row: the sum of the moduli. */
    public int jamoOffset() {
      return sumOf(moduli);
    }

    /** The first detail row. */
    public int detailOffset() {
      return jamoOffset() + JAMO_ROWS;
    }

    @Override
    public int rows() {
      return detailOffset() + DETAIL_MODULUS;
    }

    @Override
    public int idsPerStep() {
      return moduli.size() + 4;
    }

    @Override
    public float initLimit(int row) {
      return row >= detailOffset() ? DETAIL_INIT_LIMIT : Hashed.INIT_LIMIT;
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String describe() {
      return "folded(" + joined(moduli) + ", d" + dimension + ")";
    }
  }

  private static String joined(List<Integer> moduli) {
    return moduli.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }

  private static int sumOf(List<Integer> moduli) {
    return moduli.stream().mapToInt(Integer::intValue).sum();
  }

  private static void checkDimension(int dimension) {
    if (dimension < 1 || dimension > 1024) {
      throw new IllegalArgumentException(
          "embedding dimension must be in [1, 1024], found " + dimension);
    }
  }

  private static List<Integer> checkModuli(List<Integer> given) {
    List<Integer> moduli = List.copyOf(given);
    if (moduli.isEmpty()) {
      throw new IllegalArgumentException("a table encoding needs at least one modulus");
    }
    long product = 1;
    for (int i = 0; i < moduli.size(); i++) {
      int m = moduli.get(i);
      if (m < 2 || m > 1 << 20) {
        throw new IllegalArgumentException("moduli must be in [2, 1048576], found " + m);
      }
      for (int j = 0; j < i; j++) {
        if (gcd(m, moduli.get(j)) != 1) {
          throw new IllegalArgumentException(
              "moduli must be pairwise coprime, found " + moduli.get(j) + " and " + m);
        }
      }
      product = Math.min(product * m, 1L << 40); // no overflow: m <= 2^20
    }
    if (product <= MAX_CODE_POINT) {
      throw new IllegalArgumentException(
          "the moduli's product must exceed U+10FFFF ("
              + MAX_CODE_POINT
              + ") so that no two code points share every row; "
              + moduli
              + " multiply to "
              + product);
    }
    if (moduli.size() > 8) {
      throw new IllegalArgumentException("at most 8 moduli, found " + moduli.size());
    }
    return moduli;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
