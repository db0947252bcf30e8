package org.siameseangular.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the graph turns each raw code point {@code c} (a float32 step of the {@code [B, T, 1]} input) into the
 * {@link #width()} features per step that the shared LSTM reads. Built into the graph by
 * {@link CodePointEncoder}; the model's external contract (raw code points in, distance out) never changes.
 *
 * <ul>
 *   <li>{@link Scalar}: the Keras original's one feature {@code (c - center) / scale}. Above a few hundred it
 *       saturates every gate, so all non-Latin text looks alike;
 *   <li>{@link Hashed}: a learned embedding, the sum of one row per modulus of a table gathered at
 *       {@code c mod m_k}; with pairwise coprime moduli whose product exceeds U+10FFFF, no two code points
 *       share every row (Chinese remainder theorem);
 *   <li>{@link Periodic}: fixed features {@code sin, cos(2 pi (c mod p) / p)} for integer periods p; distinct
 *       for all code points when the periods' least common multiple exceeds U+10FFFF;
 *   <li>{@link Combined}: a learned {@link Hashed} part beside a fixed {@link Periodic} part.
 * </ul>
 */
public sealed interface InputEncoding
    permits InputEncoding.Scalar, InputEncoding.Hashed, InputEncoding.Periodic, InputEncoding.Combined {

  /** The largest Unicode code point; every encoding but {@link Scalar} keeps all of 0..this distinct. */
  int MAX_CODE_POINT = 0x10FFFF;

  /** Features per step, the LSTM kernel's input size. */
  int width();

  /** Shapes {@code [rows, cols]} of the learned tables, in variable order; empty for fixed encodings. */
  List<long[]> tableShapes();

  /** A short name for logs and tables, e.g. {@code hashed(1031x1033,d16)}. */
  String describe();

  /**
   * The Keras original's encoding, {@code (c - center) / scale}: one feature per step.
   *
   * @param center subtracted from each code point
   * @param scale each centred code point is divided by this, > 0
   */
  record Scalar(float center, float scale) implements InputEncoding {
    public Scalar {
      if (!Float.isFinite(center)) {
        throw new IllegalArgumentException("inputCenter must be finite, found " + center);
      }
      if (!(scale > 0) || !Float.isFinite(scale)) {
        throw new IllegalArgumentException("inputScale must be a finite number > 0, found " + scale);
      }
    }

    @Override
    public int width() {
      return 1;
    }

    @Override
    public List<long[]> tableShapes() {
      return List.of();
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "scalar((c-%s)/%s)", center, scale);
    }
  }

  /**
   * A learned code-point embedding: {@code e(c) = sum_k T[offset_k + (c mod m_k)]} with one table
   * {@code T: [sum_k m_k, dimension]} (the rows of modulus k start at {@code offset_k = m_0 + ... + m_(k-1)}).
   * The same as summing one Keras {@code Embedding(m_k, dimension)} per modulus, in one variable and one gather.
   *
   * @param moduli pairwise coprime, each >= 2, product > {@link #MAX_CODE_POINT}
   * @param dimension features per step, >= 1
   * @param initLimit rows start as U(-initLimit, initLimit) (Keras's Embedding default is 0.05,
   *     keras/src/layers/core/embedding.py, embeddings_initializer="uniform")
   * @param bounded apply {@code tanh} to the sum, so every feature stays in (-1, 1) however far training
   *     moves the table (an unbounded table can grow until the LSTM's gates saturate again)
   */
  record Hashed(List<Integer> moduli, int dimension, float initLimit, boolean bounded)
      implements InputEncoding {
    /** keras/src/initializers/random_initializers.py, RandomUniform's defaults (-0.05, 0.05). */
    public static final float KERAS_INIT_LIMIT = 0.05f;

    public Hashed {
      moduli = List.copyOf(moduli);
      if (moduli.isEmpty()) {
        throw new IllegalArgumentException("hashed encoding needs at least one modulus");
      }
      long product = 1;
      long rows = 0;
      for (int i = 0; i < moduli.size(); i++) {
        int m = moduli.get(i);
        if (m < 2 || m > 1 << 24) {
          throw new IllegalArgumentException("moduli must be in [2, 2^24], found " + m);
        }
        for (int j = 0; j < i; j++) {
          if (gcd(m, moduli.get(j)) != 1) {
            throw new IllegalArgumentException(
                "moduli must be pairwise coprime, found " + moduli.get(j) + " and " + m);
          }
        }
        product = Math.min(product * m, Long.MAX_VALUE >> 25); // no overflow: m <= 2^24
        rows += m;
      }
      if (product <= MAX_CODE_POINT) {
        throw new IllegalArgumentException("the moduli's product must exceed U+10FFFF (" + MAX_CODE_POINT
            + ") so that no two code points share every bucket; " + moduli + " multiply to " + product);
      }
      if (rows > 1 << 24) {
        throw new IllegalArgumentException("moduli must sum to at most 2^24 rows, found " + rows);
      }
      if (dimension < 1 || dimension > 4096) {
        throw new IllegalArgumentException("dimension must be in [1, 4096], found " + dimension);
      }
      if (!(initLimit > 0) || !Float.isFinite(initLimit)) {
        throw new IllegalArgumentException("initLimit must be a finite number > 0, found " + initLimit);
      }
    }

    /** Rows of the one table: the sum of the moduli. */
    public int rows() {
      return moduli.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public int width() {
      return dimension;
    }

    @Override
    public List<long[]> tableShapes() {
      return List.of(new long[] {rows(), dimension});
    }

    @Override
    public String describe() {
      return "hashed(" + join(moduli) + ",d" + dimension + (bounded ? ",tanh" : "") + ")";
    }
  }

  /**
   * Fixed features: for each period p, {@code sin(2 pi r / p)} and {@code cos(2 pi r / p)} with
   * {@code r = c mod p} (taken first, exactly, so that float32 keeps the angle accurate for any code point).
   *
   * @param periods each >= 3 (period 2 would give a constant sine), least common multiple >
   *     {@link #MAX_CODE_POINT}
   */
  record Periodic(List<Integer> periods) implements InputEncoding {
    public Periodic {
      periods = List.copyOf(periods);
      if (periods.isEmpty()) {
        throw new IllegalArgumentException("periodic encoding needs at least one period");
      }
      long lcm = 1;
      for (int p : periods) {
        if (p < 3 || p > 1 << 24) {
          throw new IllegalArgumentException("periods must be in [3, 2^24], found " + p);
        }
        lcm = Math.min(lcm / gcd(lcm, p) * p, Long.MAX_VALUE >> 25); // no overflow: p <= 2^24
      }
      if (lcm <= MAX_CODE_POINT) {
        throw new IllegalArgumentException("the periods' least common multiple must exceed U+10FFFF ("
            + MAX_CODE_POINT + ") so that every code point gets distinct features; " + periods + " give " + lcm);
      }
    }

    @Override
    public int width() {
      return 2 * periods.size();
    }

    @Override
    public List<long[]> tableShapes() {
      return List.of();
    }

    @Override
    public String describe() {
      return "periodic(" + join(periods) + ")";
    }
  }

  /** A learned {@link Hashed} part and a fixed {@link Periodic} part, side by side (hashed first). */
  record Combined(Hashed hashed, Periodic periodic) implements InputEncoding {
    public Combined {
      if (hashed == null || periodic == null) {
        throw new IllegalArgumentException("combined encoding needs both parts");
      }
    }

    @Override
    public int width() {
      return hashed.width() + periodic.width();
    }

    @Override
    public List<long[]> tableShapes() {
      return hashed.tableShapes();
    }

    @Override
    public String describe() {
      return hashed.describe() + "+" + periodic.describe();
    }
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static String join(List<Integer> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(Integer.toString(v)));
    return String.join("x", parts);
  }
}
