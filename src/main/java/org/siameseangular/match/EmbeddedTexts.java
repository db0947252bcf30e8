package org.siameseangular.match;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.model.ModelException;
import org.siameseangular.model.SimilarityModel;

/**
 * Strings embedded once per distinct string and l2-normalised: distinct string {@code g} is the
 * {@code g}-th different string in order of first occurrence, and its normalised embedding is row
 * {@code g} of {@link #vectors}.
 */
final class EmbeddedTexts {
  /**
   * Distinct strings per {@link SimilarityModel#embed(List)} call; calls run in parallel on the
   * common fork-join pool (one TensorFlow op thread each, see SimilarityModel.SESSION_CONFIG). Each
   * call sorts its strings by length and runs them in batches of SimilarityModel.EMBED_BATCH.
   */
  static final int CHUNK = 8192;

  final List<String> texts;

  /** distinctOf[i] = the distinct id of texts[i]. */
  final int[] distinctOf;

  /** The first text index of each distinct string, increasing. */
  final int[] firstOccurrence;

  final int dimensions;

  /** Row-major, distinctCount() x dimensions. */
  final float[] vectors;

  private EmbeddedTexts(
      List<String> texts,
      int[] distinctOf,
      int[] firstOccurrence,
      int dimensions,
      float[] vectors) {
    this.texts = texts;
    this.distinctOf = distinctOf;
    this.firstOccurrence = firstOccurrence;
    this.dimensions = dimensions;
    this.vectors = vectors;
  }

  int distinctCount() {
    return firstOccurrence.length;
  }

  /**
   * Embeds {@code texts} with {@code model}.
   *
   * @param what names one text in error messages ("candidate", "query")
   * @throws IllegalArgumentException naming the first text (by position) the model cannot take
   */
  static EmbeddedTexts embed(
      SimilarityModel model, List<String> texts, String what, IndexProgress progress) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no " + what + " strings: the list is empty");
    }
    List<String> copy = List.copyOf(checked(texts, what));
    int n = copy.size();
    int[] distinctOf = new int[n];
    int[] first;
    if (n == 1) {
      first = new int[] {0};
    } else {
      var ids = new HashMap<String, Integer>(Math.max(16, n * 4 / 3 + 1));
      int[] firstAll = new int[n];
      for (int i = 0; i < n; i++) {
        int next = ids.size();
        Integer id = ids.putIfAbsent(copy.get(i), next);
        distinctOf[i] = id == null ? next : id;
        if (id == null) {
          firstAll[next] = i;
        }
      }
      first = Arrays.copyOf(firstAll, ids.size());
    }
    List<String> distinct = Arrays.stream(first).mapToObj(copy::get).toList();
    Embedded e = embedDistinct(model, distinct, what, progress);
    return new EmbeddedTexts(copy, distinctOf, first, e.dimensions, e.vectors);
  }

  /** Refuses null and texts the model's input contract refuses, naming the first by position. */
  private static List<String> checked(List<String> texts, String what) {
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null) {
        throw new IllegalArgumentException(what + " " + i + " is null");
      }
      try {
        CodePoints.of(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " " + i + ": " + e.getMessage(), e);
      }
    }
    return texts;
  }

  private record Embedded(int dimensions, float[] vectors) {}

  /** Normalised embeddings of {@code distinct}, in parallel chunks of similar lengths. */
  private static Embedded embedDistinct(
      SimilarityModel model, List<String> distinct, String what, IndexProgress progress) {
    int n = distinct.size();
    Integer[] byLength = new Integer[n];
    for (int i = 0; i < n; i++) {
      byLength[i] = i;
    }
    // Chunks of similar lengths pad less inside their batches.
    Arrays.sort(byLength, Comparator.comparingInt(i -> distinct.get(i).length()));
    var counter = new ProgressCounter(IndexProgress.Stage.EMBEDDING, n, progress);
    int chunks = (n + CHUNK - 1) / CHUNK;
    // The first chunk alone tells the embedding's size.
    float[][] head = embedChunk(model, distinct, byLength, 0);
    int dimensions = head[0].length;
    float[] vectors = new float[Math.multiplyExact(n, dimensions)];
    store(head, byLength, 0, vectors, dimensions, distinct, what);
    counter.add(head.length);
    IntStream.range(1, chunks)
        .parallel()
        .forEach(
            c -> {
              float[][] rows = embedChunk(model, distinct, byLength, c);
              store(rows, byLength, c, vectors, dimensions, distinct, what);
              counter.add(rows.length);
            });
    return new Embedded(dimensions, vectors);
  }

  private static float[][] embedChunk(
      SimilarityModel model, List<String> distinct, Integer[] byLength, int chunk) {
    int start = chunk * CHUNK;
    int end = Math.min(distinct.size(), start + CHUNK);
    String[] texts = new String[end - start];
    for (int i = start; i < end; i++) {
      texts[i - start] = distinct.get(byLength[i]);
    }
    return model.embed(Arrays.asList(texts));
  }

  private static void store(
      float[][] rows,
      Integer[] byLength,
      int chunk,
      float[] vectors,
      int dimensions,
      List<String> distinct,
      String what) {
    int start = chunk * CHUNK;
    for (int r = 0; r < rows.length; r++) {
      int id = byLength[start + r];
      float[] row = rows[r];
      if (row.length != dimensions) {
        throw new ModelException(
            "the model returned embeddings of "
                + dimensions
                + " and "
                + row.length
                + " values; expected one size");
      }
      for (float v : row) {
        if (!Float.isFinite(v)) {
          throw new ModelException(
              "the model returned a non-finite embedding for the "
                  + what
                  + " \""
                  + distinct.get(id)
                  + "\"; it cannot be matched (are the model's weights finite?)");
        }
      }
      AngularDistance.normalize(row, 0, vectors, id * dimensions, dimensions);
    }
  }
}
