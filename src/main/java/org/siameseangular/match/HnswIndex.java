package org.siameseangular.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.siameseangular.data.PublicApi;
import org.siameseangular.model.SimilarityModel;

/**
 * Approximate top-k by an HNSW graph over the distinct candidates' normalised embeddings. The graph
 * proposes {@code max(searchBeam, k)} candidates; their distances are then computed exactly as
 * {@link ExactIndex} does, so every distance returned is exact and only a missed neighbour can
 * differ from exact search. Thread-safe (immutable).
 *
 * <p><b>Why Lucene's HNSW (lucene-core 9.12) and not hnswlib-core 1.2.1.</b> Both are Apache-2.0
 * and run on Java 17. Measured on this project's 2-core machine, on 100,000 embedded generated
 * names with M = 16 and efConstruction = 100 (CPU time, because the machine was shared): Lucene
 * linked them in 23 s of CPU, hnswlib-core in 41 s. Lucene's graph took 25 MB (its {@code
 * ramBytesUsed}); hnswlib had about 380 MB of heap in use after its build (per candidate a node, an
 * item, a vector copy and an {@code IntArrayList} per level; boxed {@code Float} distances while
 * linking). The 1,000,000- candidate target of 5 minutes on 2 cores leaves no room for the slower
 * build. Lucene scores through our own {@link RandomVectorScorer}, so the vectors stay in one float
 * array; hnswlib needs an item object and a vector array per candidate. hnswlib saves by Java
 * serialization, so loading a file runs {@code ObjectInputStream} over it; here the graph is frozen
 * into int arrays ({@link NeighborGraph}) and saved in our own checksummed format (see {@link
 * IndexFiles}). lucene-core has no dependencies; hnswlib-core brings eclipse-collections (11 MB).
 * The cost: {@code org.apache.lucene.util.hnsw} is marked experimental, so the version is pinned
 * and only its builders and searcher are used; Lucene 10 needs Java 21.
 *
 * <p>Building links the graph with {@code HnswConcurrentMergeBuilder}, one worker per thread of the
 * common fork-join pool plus the caller; node levels come from a fixed seed, but the order in which
 * parallel workers link nodes is not fixed, so two builds may differ slightly. A saved and loaded
 * graph answers exactly as the built one.
 */
@PublicApi
public final class HnswIndex implements CandidateIndex {
  /** Seeds the level of each node (Lucene's own default, HnswGraphBuilder.randSeed). */
  private static final long SEED = 42;

  private final SimilarityModel model;
  private final Candidates candidates;
  private final float[] rows;
  private final NeighborGraph graph;
  private final HnswSettings settings;

  HnswIndex(
      SimilarityModel model,
      Candidates candidates,
      float[] rows,
      NeighborGraph graph,
      HnswSettings settings) {
    if (graph.size != candidates.distinctCount()) {
      throw new IllegalArgumentException(
          "a graph of "
              + graph.size
              + " nodes for "
              + candidates.distinctCount()
              + " distinct candidates");
    }
    this.model = model;
    this.candidates = candidates;
    this.rows = rows;
    this.graph = graph;
    this.settings = settings;
  }

  /**
   * Embeds {@code candidates} with {@code model} and links them with {@link HnswSettings#DEFAULT}.
   */
  public static HnswIndex build(SimilarityModel model, List<String> candidates) {
    return build(model, candidates, HnswSettings.DEFAULT, IndexProgress.NONE);
  }

  /**
   * Embeds {@code candidates} with {@code model} and links them.
   *
   * @throws IllegalArgumentException for an empty list, a null candidate or one the model cannot
   *     take (naming its position)
   */
  public static HnswIndex build(
      SimilarityModel model,
      List<String> candidates,
      HnswSettings settings,
      IndexProgress progress) {
    EmbeddedTexts e = EmbeddedTexts.embed(model, candidates, "candidate", progress);
    var c =
        new Candidates(
            e.texts, e.distinctOf, e.dimensions, model.fingerprint(), AngularDistance.of(model));
    return of(model, c, e.vectors, settings, progress);
  }

  /** Links already embedded candidates. */
  static HnswIndex of(
      SimilarityModel model,
      Candidates candidates,
      float[] rows,
      HnswSettings settings,
      IndexProgress progress) {
    return new HnswIndex(
        model,
        candidates,
        rows,
        link(rows, candidates.distinctCount(), candidates.dimensions, settings, progress),
        settings);
  }

  private static NeighborGraph link(
      float[] rows, int n, int dims, HnswSettings settings, IndexProgress progress) {
    var counter = new ProgressCounter(IndexProgress.Stage.LINKING, n, progress);
    var scorers = new RowScorers(rows, n, dims, counter);
    int m = settings.maxConnections();
    int beam = settings.beamWidth();
    int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
    try {
      OnHeapHnswGraph g;
      if (workers == 1) {
        g = HnswGraphBuilder.create(scorers, m, beam, SEED, n).build(n);
      } else {
        OnHeapHnswGraph empty = HnswGraphBuilder.create(scorers, m, beam, SEED, n).getGraph();
        g =
            new HnswConcurrentMergeBuilder(
                    new TaskExecutor(ForkJoinPool.commonPool()),
                    workers,
                    scorers,
                    m,
                    beam,
                    empty,
                    null)
                .build(n);
      }
      counter.finish();
      return NeighborGraph.of(g);
    } catch (IOException e) {
      // Our scorers read arrays and never throw; Lucene's interfaces declare it.
      throw new UncheckedIOException(e);
    }
  }

  /** This index searching with another {@code searchBeam} (ef); the graph is shared. */
  public HnswIndex withSearchBeam(int searchBeam) {
    return new HnswIndex(model, candidates, rows, graph, settings.withSearchBeam(searchBeam));
  }

  /** The graph's and the search's settings. */
  public HnswSettings settings() {
    return settings;
  }

  /**
   * Exact search over the same candidates and embeddings (to measure recall, or when exactness
   * matters).
   */
  public ExactIndex exact() {
    return new ExactIndex(model, candidates, rows);
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
   * The best {@code capacity} distinct candidates found for each of {@code count} normalised query
   * rows.
   */
  TopK[] search(float[] queries, int count, int capacity) {
    if (count == 1) {
      return new TopK[] {searchOne(queries, 0, capacity)};
    }
    return IntStream.range(0, count)
        .parallel()
        .mapToObj(q -> searchOne(queries, q * candidates.dimensions, capacity))
        .toArray(TopK[]::new);
  }

  private TopK searchOne(float[] queries, int offset, int capacity) {
    int n = candidates.distinctCount();
    int dims = candidates.dimensions;
    AngularDistance head = candidates.head;
    TopK top = new TopK(capacity);
    if (capacity >= n) {
      // Everything is asked for: no graph walk can beat reading every row.
      for (int id = 0; id < n; id++) {
        top.offerScanned(
            head.clip(AngularDistance.dot(queries, offset, rows, id * dims, dims)), id);
      }
      return top;
    }
    var collector =
        new TopKnnCollector(Math.max(settings.searchBeam(), capacity), Integer.MAX_VALUE);
    try {
      HnswGraphSearcher.search(
          new QueryScorer(queries, offset, rows, n, dims), collector, graph.view(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (ScoreDoc found : collector.topDocs().scoreDocs) {
      float clipped = head.clip(AngularDistance.dot(queries, offset, rows, found.doc * dims, dims));
      top.offer(AngularDistance.ofClipped(clipped), clipped, found.doc);
    }
    return top;
  }

  Candidates candidates() {
    return candidates;
  }

  NeighborGraph graph() {
    return graph;
  }

  float[] rows() {
    return rows;
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
    IndexFiles.save(dir, IndexFiles.Kind.HNSW, candidates, rows, graph, settings);
  }

  /**
   * Lucene's similarity for unit vectors, {@code max((1 + dot) / 2, 0)}
   * (VectorSimilarityFunction.DOT_PRODUCT): higher is closer, and it orders candidates as the
   * cosine does.
   */
  private static float score(float dot) {
    return Math.max((1 + dot) / 2, 0);
  }

  /** Scores every node against one query row. */
  private static final class QueryScorer implements RandomVectorScorer {
    private final float[] query;
    private final int offset;
    private final float[] rows;
    private final int n;
    private final int dims;

    QueryScorer(float[] query, int offset, float[] rows, int n, int dims) {
      this.query = query;
      this.offset = offset;
      this.rows = rows;
      this.n = n;
      this.dims = dims;
    }

    @Override
    public float score(int node) {
      return HnswIndex.score(AngularDistance.fastDot(query, offset, rows, node * dims, dims));
    }

    @Override
    public int maxOrd() {
      return n;
    }
  }

  /**
   * Scorers against each node, for linking. Lucene asks for the scorer of a node when it links it
   * (and of linked nodes while it keeps neighbour lists diverse); workers link nodes in increasing
   * batches, so the largest node asked for tracks progress closely enough for a progress bar.
   */
  private static final class RowScorers implements RandomVectorScorerSupplier {
    private final float[] rows;
    private final int n;
    private final int dims;
    private final ProgressCounter progress;
    private int calls;
    private int largest;

    RowScorers(float[] rows, int n, int dims, ProgressCounter progress) {
      this.rows = rows;
      this.n = n;
      this.dims = dims;
      this.progress = progress;
    }

    @Override
    public RandomVectorScorer scorer(int node) {
      largest = Math.max(largest, node);
      if (++calls % 1024 == 0) {
        progress.advanceTo(largest);
      }
      return new QueryScorer(rows, node * dims, rows, n, dims);
    }

    /** Each worker gets its own copy: the counters above are not shared between threads. */
    @Override
    public RandomVectorScorerSupplier copy() {
      return new RowScorers(rows, n, dims, progress);
    }
  }
}
