package org.siameseangular.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.model.SimilarityModel;

/**
 * One batch of a column's values embedded by one {@link SimilarityModel#embed(List)} call: each
 * distinct string once, null for null.
 *
 * <p>The contract for values, the same everywhere in this package: null gives null (as Spark's own
 * string functions do); the empty string is embedded like any string (the model gives it the zero
 * vector, at distance 0.5 from everything, as {@link SimilarityModel} does); a string the model
 * cannot take (holding U+0000, or longer than {@value CodePoints#MAX_CODE_POINTS} code points)
 * fails the task with an {@link IllegalArgumentException} naming the column and the value.
 */
final class TextEmbedder {
  /**
   * Rows per model call: within issue 12's 256 to 1,024. {@code embed} sorts a call's strings by
   * length and runs them {@link SimilarityModel#EMBED_BATCH} at a time, so the larger call pads
   * less.
   */
  static final int BATCH = 1024;

  /** Characters of a bad value quoted in an error. */
  private static final int QUOTED = 40;

  private TextEmbedder() {}

  /** The embeddings of {@code texts} (null for a null text), in order. */
  static float[][] embed(SimilarityModel model, List<String> texts, String column) {
    var ids = new HashMap<String, Integer>();
    var distinct = new ArrayList<String>();
    int[] id = new int[texts.size()];
    for (int i = 0; i < id.length; i++) {
      String t = texts.get(i);
      if (t == null) {
        id[i] = -1;
        continue;
      }
      Integer known = ids.get(t);
      if (known == null) {
        check(t, column);
        known = distinct.size();
        ids.put(t, known);
        distinct.add(t);
      }
      id[i] = known;
    }
    float[][] vectors = distinct.isEmpty() ? new float[0][] : ExecutorModels.embed(model, distinct);
    float[][] out = new float[id.length][];
    for (int i = 0; i < id.length; i++) {
      out[i] = id[i] < 0 ? null : vectors[id[i]];
    }
    return out;
  }

  /** Refuses, naming the column and the value, a string the model's input contract refuses. */
  static void check(String text, String column) {
    try {
      CodePoints.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column "
              + column
              + ": cannot embed "
              + quote(text)
              + ": "
              + e.getMessage()
              + ". Filter or clean such values before scoring (null is allowed and gives null).",
          e);
    }
  }

  /** The start of {@code text} in quotes, control characters as {@code \\uXXXX}. */
  static String quote(String text) {
    var sb = new StringBuilder("\"");
    int[] points = text.codePoints().limit(QUOTED).toArray();
    for (int p : points) {
      if (Character.isISOControl(p)) {
        sb.append(String.format("\\u%04X", p));
      } else {
        sb.appendCodePoint(p);
      }
    }
    sb.append('"');
    if (text.codePointCount(0, text.length()) > QUOTED) {
      sb.append("... (")
          .append(String.format("%,d", text.codePointCount(0, text.length())))
          .append(" code points)");
    }
    return sb.toString();
  }
}
