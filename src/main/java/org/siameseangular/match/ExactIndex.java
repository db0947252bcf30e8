package org.siameseangular.match;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.siameseangular.data.PublicApi;
import org.siameseangular.model.SimilarityModel;

/**
 * Brute force: every query against every distinct candidate, exact by construction. Thread-safe
 * (immutable).
 *
 * <p>The normalised embeddings live in one flat float array cut into blocks of {@link #BLOCK}
 * candidates, each block stored dimension-major ({@code [dimension][candidate]}): scoring a block
 * is {@code dimensions} passes of {@code acc[j] += q[d] * block[d][j]} over contiguous memory, a
 * loop the JIT compiles to SIMD, and each candidate's cosine is still summed in component order,
 * bit-identical to {@link AngularDistance#dot}. A block (32 KiB at 32 dimensions) stays in cache
 * while a chunk of queries passes over it. Ranges of blocks are scanned in parallel on the common
 * fork-join pool, each keeping a bounded heap per query ({@link TopK}), then merged.
 */
@PublicApi
public final class ExactIndex implements CandidateIndex {
  /** Candidates per block: a multiple of every SIMD width. */
  static final int BLOCK = 256;

  /** Queries that share one pass over the candidates. */
  private static final int QUERY_CHUNK = 64;

  private final SimilarityModel model;
  private final Candidates candidates;
  private final float[] blocked;
  private final int blocks;

  ExactIndex(SimilarityModel model, Candidates candidates, float[] rows) {
    this.model = model;
    this.candidates = candidates;
    int n = candidates.distinctCount();
    int dims = candidates.dimensions;
    blocks = (n + BLOCK - 1) / BLOCK;
    blocked = new float[Math.multiplyExact(blocks * BLOCK, dims)];
    for (int i = 0; i < n; i++) {
      int base = (i / BLOCK) * BLOCK * dims + i % BLOCK;
      for (int d = 0; d < dims; d++) {
        blocked[base + d * BLOCK] = rows[i * dims + d];
      }
    }
  }

  /** Embeds {@code candidates} with {@code model} and indexes them. */
  public static ExactIndex build(SimilarityModel model, List<String> candidates) {
    return build(model, candidates, IndexProgress.NONE);
  }

  /**
   * As {@link #build(SimilarityModel, List)}, telling {@code progress} how the embedding goes.
   *
   * @throws IllegalArgumentException for an empty list, a null candidate or one the model cannot
   *     take (naming its position)
   */
  public static ExactIndex build(
      SimilarityModel model, List<String> candidates, IndexProgress progress) {
    EmbeddedTexts e = EmbeddedTexts.embed(model, candidates, "candidate", progress);
    return new ExactIndex(
        model,
        new Candidates(
            e.texts, e.distinctOf, e.dimensions, model.fingerprint(), AngularDistance.of(model)),
        e.vectors);
  }

  @Override
  public List<Match> topK(String query, int k) {
    return topK(List.of(query), k).get(0);
  }

  @Override
  public List<List<Match>> topK(List<String> queries, int k) {
    Candidates.checkK(k);
    if (queries.isEmpty()) {
      return List.of();
    }
    EmbeddedTexts q = EmbeddedTexts.embed(model, queries, "query", IndexProgress.NONE);
    candidates.checkDimensions(q);
    TopK[] best = search(q.vectors, q.distinctCount(), Math.min(k, candidates.distinctCount()));
    var out = new ArrayList<List<Match>>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      out.add(candidates.expand(best[q.distinctOf[i]], k));
    }
    return out;
  }

  /**
   * The best {@code capacity} distinct candidates of each of {@code count} normalised query rows.
   */
  TopK[] search(float[] queries, int count, int capacity) {
    TopK[] out = new TopK[count];
    int tasks = Math.min(blocks, 4 * (ForkJoinPool.getCommonPoolParallelism() + 1));
    for (int q0 = 0; q0 < count; q0 += QUERY_CHUNK) {
      int from = q0;
      int to = Math.min(count, q0 + QUERY_CHUNK);
      List<TopK[]> parts =
          IntStream.range(0, tasks)
              .parallel()
              .mapToObj(
                  t ->
                      scan(
                          queries,
                          from,
                          to,
                          blocks * t / tasks,
                          blocks * (t + 1) / tasks,
                          capacity))
              .toList();
      for (int q = from; q < to; q++) {
        TopK merged = parts.get(0)[q - from];
        for (int t = 1; t < parts.size(); t++) {
          merged.addAll(parts.get(t)[q - from]);
        }
        out[q] = merged;
      }
    }
    return out;
  }

  /** Queries [from, to) against blocks [b0, b1), in increasing candidate order. */
  private TopK[] scan(float[] queries, int from, int to, int b0, int b1, int capacity) {
    int dims = candidates.dimensions;
    int n = candidates.distinctCount();
    AngularDistance head = candidates.head;
    TopK[] heaps = new TopK[to - from];
    for (int q = 0; q < heaps.length; q++) {
      heaps[q] = new TopK(capacity);
    }
    float[] acc = new float[BLOCK];
    for (int b = b0; b < b1; b++) {
      int base = b * BLOCK * dims;
      int first = b * BLOCK;
      int count = Math.min(BLOCK, n - first);
      for (int q = from; q < to; q++) {
        Arrays.fill(acc, 0f);
        int qBase = q * dims;
        for (int d = 0; d < dims; d++) {
          float x = queries[qBase + d];
          int off = base + d * BLOCK;
          for (int j = 0; j < BLOCK; j++) {
            acc[j] += x * blocked[off + j];
          }
        }
        TopK heap = heaps[q - from];
        for (int j = 0; j < count; j++) {
          heap.offerScanned(head.clip(acc[j]), first + j);
        }
      }
    }
    return heaps;
  }

  /** The normalised embeddings, row-major (distinct x dimensions). */
  float[] rows() {
    int n = candidates.distinctCount();
    int dims = candidates.dimensions;
    float[] rows = new float[n * dims];
    for (int i = 0; i < n; i++) {
      int base = (i / BLOCK) * BLOCK * dims + i % BLOCK;
      for (int d = 0; d < dims; d++) {
        rows[i * dims + d] = blocked[base + d * BLOCK];
      }
    }
    return rows;
  }

  Candidates candidates() {
    return candidates;
  }

  @Override
  public int size() {
    return candidates.size();
  }

  @Override
  public String candidate(int index) {
    return candidates.texts.get(index);
  }

  @Override
  public void save(Path dir) throws IOException {
    IndexFiles.save(dir, IndexFiles.Kind.EXACT, candidates, rows(), null, null);
  }
}
