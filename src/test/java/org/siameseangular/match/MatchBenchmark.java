package org.siameseangular.match;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.model.SimilarityModel;

/**
 * The lookup benchmark (a program, not a unit test): generated name-like candidates, noisy queries
 * whose true source is known, and the numbers issue 11 asks for.
 *
 * <ol>
 *   <li>The whole pipeline: embed the candidates, link the HNSW graph, embed the queries and find
 *       their top k (wall and process CPU time of each stage; peak RSS after it).
 *   <li>Saving the index (size on disk), loading it, and single-query latency (p50, p99) on the
 *       loaded index.
 *   <li>Recall of the approximate top k against exact search, for several search beams (ef) on the
 *       same graph.
 *   <li>What a user would do otherwise: brute-force normalised Damerau-Levenshtein (optimal string
 *       alignment) top k over all candidates, timed on a sample of queries and extrapolated; and
 *       the hit rate (the true source in the top k) of the model and of edit distance on the same
 *       queries.
 * </ol>
 *
 * <p>Run (options and defaults in {@link #main}):
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * TF_CPP_MIN_LOG_LEVEL=2 java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     org.siameseangular.match.MatchBenchmark --model models/siamese-lstm --json target/match-benchmark.json
 * </pre>
 */
public final class MatchBenchmark {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Map<String, String> options;
  private final Map<String, Object> results = new LinkedHashMap<>();

  private MatchBenchmark(Map<String, String> options) {
    this.options = options;
  }

  /**
   * Options: {@code --model DIR} (required), {@code --candidates 1000000}, {@code --queries 10000},
   * {@code --k 10}, {@code --m}, {@code --beam}, {@code --ef} (HnswSettings defaults), {@code
   * --sweep 10,20,40,80,160} (search beams whose recall is measured), {@code --recall-queries
   * 2000}, {@code --latency-queries 2000}, {@code --edit-sample 100}, {@code --index DIR} (default:
   * a temporary directory, deleted), {@code --json FILE}, {@code --seed 1}, {@code --stages
   * pipeline,index,recall,edit} (the pipeline always runs).
   */
  public static void main(String[] args) throws Exception {
    var options = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, found " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (!options.containsKey("model")) {
      throw new IllegalArgumentException("--model DIR is required");
    }
    new MatchBenchmark(options).run();
  }

  private int option(String name, int fallback) {
    return options.containsKey(name)
        ? Integer.parseInt(options.get(name).replace("_", ""))
        : fallback;
  }

  private void run() throws Exception {
    int n = option("candidates", 1_000_000);
    int queryCount = option("queries", 10_000);
    int k = option("k", 10);
    var settings =
        new HnswSettings(
            option("m", HnswSettings.DEFAULT_MAX_CONNECTIONS),
            option("beam", HnswSettings.DEFAULT_BEAM_WIDTH),
            option("ef", HnswSettings.DEFAULT_SEARCH_BEAM));
    long seed = option("seed", 1);

    long t = System.nanoTime();
    List<String> candidates = Names.distinct(n, seed);
    var random = new SplittableRandom(seed + 1);
    int[] truth = new int[queryCount];
    var queries = new ArrayList<String>(queryCount);
    for (int q = 0; q < queryCount; q++) {
      truth[q] = random.nextInt(n);
      queries.add(Names.noisy(candidates.get(truth[q]), random));
    }
    log(
        "generated %,d candidates and %,d queries in %.1f s (e.g. \"%s\" -> \"%s\")",
        n, queryCount, seconds(t), candidates.get(truth[0]), queries.get(0));
    results.put(
        "machine",
        Map.of(
            "availableProcessors",
            Runtime.getRuntime().availableProcessors(),
            "maxHeapMiB",
            Runtime.getRuntime().maxMemory() >> 20,
            "java",
            System.getProperty("java.version"),
            "loadAverageAtStart",
            OS.getSystemLoadAverage()));
    results.put(
        "setup",
        Map.of(
            "candidates",
            n,
            "queries",
            queryCount,
            "k",
            k,
            "maxConnections",
            settings.maxConnections(),
            "beamWidth",
            settings.beamWidth(),
            "searchBeam",
            settings.searchBeam(),
            "embedBatch",
            SimilarityModel.EMBED_BATCH,
            "embedChunk",
            EmbeddedTexts.CHUNK));

    var stages = List.of(options.getOrDefault("stages", "pipeline,index,recall,edit").split(","));
    try (var model = SimilarityModel.load(Path.of(options.get("model")))) {
      HnswIndex index = pipeline(model, candidates, queries, truth, settings, k);
      if (stages.contains("index")) {
        Path dir =
            options.containsKey("index")
                ? Path.of(options.get("index"))
                : Files.createTempDirectory("match-benchmark-");
        try {
          saveLoadAndLatency(model, index, dir, queries, k);
        } finally {
          if (!options.containsKey("index")) {
            org.siameseangular.io.AtomicDirectory.deleteTree(dir);
          }
        }
      }
      if (stages.contains("recall")) {
        recall(index, queries, k);
      }
      if (stages.contains("edit")) {
        editDistance(candidates, queries, truth, k, index);
      }
    }
    String json = JsonCodec.write(results);
    System.out.println(json);
    if (options.containsKey("json")) {
      Files.writeString(Path.of(options.get("json")), json + "\n", StandardCharsets.UTF_8);
    }
  }

  /** Stage 1: embed, link, embed the queries and search, as one command would. */
  private HnswIndex pipeline(
      SimilarityModel model,
      List<String> candidates,
      List<String> queries,
      int[] truth,
      HnswSettings settings,
      int k) {
    long wall = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    long[] embedded = new long[2];
    IndexProgress progress =
        (stage, done, total) -> {
          if (stage == IndexProgress.Stage.EMBEDDING && done == total) {
            embedded[0] = System.nanoTime();
            embedded[1] = OS.getProcessCpuTime();
          }
        };
    HnswIndex index = HnswIndex.build(model, candidates, settings, progress);
    long built = System.nanoTime();
    long builtCpu = OS.getProcessCpuTime();
    List<List<Match>> found = index.topK(queries, k);
    long done = System.nanoTime();
    long doneCpu = OS.getProcessCpuTime();
    var stages = new LinkedHashMap<String, Object>();
    stages.put("embedCandidates", stage(wall, cpu, embedded[0], embedded[1]));
    stages.put("linkGraph", stage(embedded[0], embedded[1], built, builtCpu));
    stages.put("embedAndSearchQueries", stage(built, builtCpu, done, doneCpu));
    stages.put("total", stage(wall, cpu, done, doneCpu));
    stages.put("peakRssMiB", peakRssMiB());
    stages.put("hitRate", hitRate(found, truth));
    results.put("pipeline", stages);
    log("pipeline: %s", stages);
    return index;
  }

  /** Stage 2: the index on disk, loading it, and latency of single queries on the loaded index. */
  private void saveLoadAndLatency(
      SimilarityModel model, HnswIndex index, Path dir, List<String> queries, int k)
      throws IOException {
    long t = System.nanoTime();
    index.save(dir);
    double saveSeconds = seconds(t);
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    t = System.nanoTime();
    CandidateIndex loaded = CandidateIndex.load(dir, model);
    double loadSeconds = seconds(t);
    int count = Math.min(option("latency-queries", 2000), queries.size());
    int warmUp = Math.min(500, queries.size());
    for (int q = 0; q < warmUp; q++) {
      loaded.topK(queries.get(queries.size() - 1 - q), k);
    }
    double[] ms = new double[count];
    for (int q = 0; q < count; q++) {
      long s = System.nanoTime();
      loaded.topK(queries.get(q), k);
      ms[q] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ms);
    var out = new LinkedHashMap<String, Object>();
    out.put("indexBytes", bytes);
    out.put("indexMiB", bytes / (double) (1 << 20));
    out.put("saveSeconds", saveSeconds);
    out.put("loadSeconds", loadSeconds);
    out.put("latencyQueries", count);
    out.put("p50Ms", ms[count / 2]);
    out.put("p99Ms", ms[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)]);
    out.put("maxMs", ms[count - 1]);
    out.put("peakRssMiB", peakRssMiB());
    results.put("index", out);
    log("index: %s", out);
  }

  /**
   * Stage 3: recall@k of the graph against exact search over the same embeddings, per search beam.
   */
  private void recall(HnswIndex index, List<String> queries, int k) {
    List<String> sample =
        queries.subList(0, Math.min(option("recall-queries", 2000), queries.size()));
    long t = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    List<List<Match>> exact = index.exact().topK(sample, k);
    var out = new LinkedHashMap<String, Object>();
    out.put("queries", sample.size());
    out.put("exactSearch", stage(t, cpu, System.nanoTime(), OS.getProcessCpuTime()));
    var byBeam = new ArrayList<Map<String, Object>>();
    String sweep = options.getOrDefault("sweep", "10,20,40,80,160");
    for (String b : sweep.split(",")) {
      int beam = Integer.parseInt(b.trim());
      HnswIndex i = index.withSearchBeam(beam);
      t = System.nanoTime();
      cpu = OS.getProcessCpuTime();
      List<List<Match>> approximate = i.topK(sample, k);
      var row = new LinkedHashMap<String, Object>();
      row.put("searchBeam", beam);
      row.put("search", stage(t, cpu, System.nanoTime(), OS.getProcessCpuTime()));
      row.put("recall", recallOf(approximate, exact, k));
      byBeam.add(row);
      log("recall@%d with ef %d: %s", k, beam, row);
    }
    out.put("bySearchBeam", byBeam);
    results.put("recall", out);
  }

  /**
   * Stage 4: brute-force normalised OSA top k on a sample, extrapolated; hit rates side by side.
   */
  private void editDistance(
      List<String> candidates, List<String> queries, int[] truth, int k, HnswIndex index) {
    int sampleSize = Math.min(option("edit-sample", 100), queries.size());
    int[][] points = candidates.stream().map(s -> s.codePoints().toArray()).toArray(int[][]::new);
    checkOsaAgainstTheProjectsBaseline(candidates, queries);
    long t = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    int[][] top =
        IntStream.range(0, sampleSize)
            .parallel()
            .mapToObj(q -> osaTopK(queries.get(q).codePoints().toArray(), points, k))
            .toArray(int[][]::new);
    double wall = seconds(t);
    double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
    int hits = 0;
    for (int q = 0; q < sampleSize; q++) {
      int source = truth[q];
      hits += Arrays.stream(top[q]).anyMatch(c -> c == source) ? 1 : 0;
    }
    List<List<Match>> model = index.topK(queries.subList(0, sampleSize), k);
    var out = new LinkedHashMap<String, Object>();
    out.put("sampleQueries", sampleSize);
    out.put("sampleWallSeconds", wall);
    out.put("sampleCpuSeconds", cpuSeconds);
    out.put("cpuSecondsPerQuery", cpuSeconds / sampleSize);
    out.put(
        "extrapolatedWallSecondsFor" + queries.size() + "Queries",
        wall / sampleSize * queries.size());
    out.put(
        "extrapolatedCpuSecondsFor" + queries.size() + "Queries",
        cpuSeconds / sampleSize * queries.size());
    out.put("editDistanceHitRate", hits / (double) sampleSize);
    out.put("modelHitRateOnSample", hitRate(model, Arrays.copyOf(truth, sampleSize)));
    results.put("editDistance", out);
    log("edit distance: %s", out);
  }

  /**
   * The benchmark's OSA equals the project's normalised Damerau similarity
   * (eval/EditDistanceBaseline).
   */
  private static void checkOsaAgainstTheProjectsBaseline(
      List<String> candidates, List<String> queries) {
    int[] row = new int[64];
    for (int i = 0; i < 200; i++) {
      String a = queries.get(i % queries.size());
      String b = candidates.get((i * 7919) % candidates.size());
      double expected = 1 - EditDistanceBaseline.damerauSimilarity(a, b);
      double actual =
          normalisedOsa(a.codePoints().toArray(), b.codePoints().toArray(), new int[3][row.length]);
      if (Math.abs(expected - actual) > 1e-12) {
        throw new AssertionError(
            "OSA of \"" + a + "\", \"" + b + "\": " + actual + " vs " + expected);
      }
    }
  }

  /** The k candidates with the smallest normalised OSA distance, ties by index. */
  private static int[] osaTopK(int[] query, int[][] candidates, int k) {
    var top = new TopK(k);
    int[][] rows = new int[3][128];
    for (int c = 0; c < candidates.length; c++) {
      float d = (float) normalisedOsa(query, candidates[c], rows);
      top.offer(d, d, c);
    }
    return Arrays.stream(top.bestFirst()).map(top::idAt).toArray();
  }

  /**
   * 1 - similarity of eval/EditDistanceBaseline: osa(a, b) / max(|a|, |b|), with three reused rows.
   */
  public static double normalisedOsa(int[] a, int[] b, int[][] rows) {
    int longest = Math.max(a.length, b.length);
    if (longest == 0) {
      return 0;
    }
    if (rows[0].length <= b.length) {
      for (int r = 0; r < 3; r++) {
        rows[r] = new int[b.length + 1];
      }
    }
    int[] beforePrevious = rows[0];
    int[] previous = rows[1];
    int[] current = rows[2];
    for (int j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int best =
            Math.min(
                Math.min(previous[j] + 1, current[j - 1] + 1),
                previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          best = Math.min(best, beforePrevious[j - 2] + 1);
        }
        current[j] = best;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length] / (double) longest;
  }

  private static double recallOf(List<List<Match>> approximate, List<List<Match>> exact, int k) {
    long found = 0;
    long wanted = 0;
    for (int q = 0; q < exact.size(); q++) {
      var truth = new HashSet<Integer>();
      exact.get(q).forEach(m -> truth.add(m.candidate()));
      wanted += truth.size();
      found += approximate.get(q).stream().filter(m -> truth.contains(m.candidate())).count();
    }
    return found / (double) wanted;
  }

  private static double hitRate(List<List<Match>> found, int[] truth) {
    int hits = 0;
    for (int q = 0; q < truth.length; q++) {
      int source = truth[q];
      hits += found.get(q).stream().anyMatch(m -> m.candidate() == source) ? 1 : 0;
    }
    return hits / (double) truth.length;
  }

  private static Map<String, Object> stage(
      long wallStart, long cpuStart, long wallEnd, long cpuEnd) {
    var m = new LinkedHashMap<String, Object>();
    m.put("wallSeconds", (wallEnd - wallStart) / 1e9);
    m.put("cpuSeconds", (cpuEnd - cpuStart) / 1e9);
    return m;
  }

  /** VmHWM: the peak resident set of this process so far. */
  private static double peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // Not Linux: no RSS figure.
    }
    return Double.NaN;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
