package org.siameseangular.spark;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.siameseangular.match.AngularDistance;

/**
 * The SQL functions {@code siamese_embed(text)} and {@code siamese_distance(left, right)}.
 *
 * <p>Spark calls a scalar function one row at a time and offers no way to batch a Java UDF, so
 * these embed one string per model call. What keeps that affordable: each executor JVM keeps the
 * last {@value #CACHE_SIZE} embeddings it computed, so a table where names recur pays one call per
 * distinct name per executor. The numbers are {@link SiameseSpark#withDistance}'s within float32
 * rounding (another batch composition moves the last bits of an embedding). For large tables {@code
 * withDistance}, which embeds each distinct string once in batches of {@value TextEmbedder#BATCH},
 * is several times faster (BENCHMARKS.md).
 */
final class SqlFunctions {
  /** Embeddings kept per model and executor JVM: about 20 MB at 32 units. */
  static final int CACHE_SIZE = 100_000;

  private static final Map<String, Cache> CACHES = new HashMap<>();

  private SqlFunctions() {}

  /** {@code siamese_embed(text)}: the embedding, null for null. */
  static final class Embed implements UDF1<String, float[]> {
    private static final long serialVersionUID = 1L;
    private final String modelPath;

    Embed(String modelPath) {
      this.modelPath = modelPath;
    }

    @Override
    public float[] call(String text) {
      return text == null ? null : embedding(modelPath, text, "siamese_embed(text)").clone();
    }
  }

  /** {@code siamese_distance(left, right)}: the angular distance, null if either is null. */
  static final class Distance implements UDF2<String, String, Float> {
    private static final long serialVersionUID = 1L;
    private final String modelPath;
    private transient AngularDistance head;

    Distance(String modelPath) {
      this.modelPath = modelPath;
    }

    @Override
    public Float call(String left, String right) {
      if (left == null || right == null) {
        return null;
      }
      if (head == null) {
        head = ExecutorModels.head(modelPath);
      }
      return head.distance(
          embedding(modelPath, left, "siamese_distance(left, ...)"),
          embedding(modelPath, right, "siamese_distance(..., right)"));
    }
  }

  /**
   * The embedding of {@code text}, from this JVM's cache or one model call; tasks that want the
   * same string at once wait for one call.
   */
  static float[] embedding(String modelPath, String text, String column) {
    Cache cache = cache(modelPath);
    float[] known = cache.get(text);
    if (known != null) {
      return known;
    }
    var mine = new CompletableFuture<float[]>();
    CompletableFuture<float[]> other = cache.pending.putIfAbsent(text, mine);
    if (other != null) {
      try {
        return other.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      // Another task may have finished this string between the lookup and putIfAbsent.
      float[] e = cache.get(text);
      if (e == null) {
        TextEmbedder.check(text, column);
        e = ExecutorModels.embed(ExecutorModels.get(modelPath), List.of(text))[0];
        cache.put(text, e);
      }
      mine.complete(e);
      return e;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      cache.pending.remove(text, mine);
    }
  }

  private static Cache cache(String modelPath) {
    synchronized (CACHES) {
      return CACHES.computeIfAbsent(modelPath, p -> new Cache());
    }
  }

  /** The last {@link #CACHE_SIZE} embeddings used, and the strings being embedded right now. */
  private static final class Cache {
    private final Map<String, CompletableFuture<float[]>> pending = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, float[]> recent =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
          }
        };

    synchronized float[] get(String text) {
      return recent.get(text);
    }

    synchronized void put(String text, float[] embedding) {
      recent.put(text, embedding);
    }
  }

  /** Forgets every cached embedding of this JVM (tests; a long-lived driver). */
  static void clearCaches() {
    synchronized (CACHES) {
      CACHES.clear();
    }
  }
}
