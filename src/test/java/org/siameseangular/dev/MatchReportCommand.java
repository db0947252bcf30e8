package org.siameseangular.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.match.CandidateIndex;
import org.siameseangular.match.MatchBenchmark;
import org.siameseangular.model.SimilarityModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * For .ci/match-benchmark.sh: reads what the script's {@code match} runs left in the work
 * directory, adds the measurements that need the library (latency on the loaded index, brute-force
 * edit distance on a sample), and writes the JSON and the BENCHMARKS.md section.
 *
 * <p>Work directory: {@code candidates.txt}, {@code queries.txt}, {@code truth.txt} (from
 * match-data); {@code pipeline.tsv}, {@code pipeline.err}, {@code pipeline.time} (the whole
 * command, with {@code /usr/bin/time -v}); {@code exact.tsv}, {@code exact.time} (--exact on the
 * saved index, the first --recall-queries queries); {@code loaded.time} (all queries on the saved
 * index); {@code index/} (the saved index).
 */
@Command(
    name = "match-report",
    mixinStandardHelpOptions = true,
    description = "Summarise a .ci/match-benchmark.sh run as JSON and a BENCHMARKS.md section.")
final class MatchReportCommand implements Callable<Integer> {
  static final String START = "<!-- match:start -->";
  static final String END = "<!-- match:end -->";
  private static final Pattern STAGE =
      Pattern.compile("^(embedding candidates|linking the HNSW graph): ([\\d,]+) in ([\\d.]+) s$");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--work", required = true, paramLabel = "DIR")
  Path work;

  @Option(names = "--model", required = true, paramLabel = "DIR")
  Path model;

  @Option(names = "--k", defaultValue = "10")
  int k;

  @Option(names = "--recall-queries", defaultValue = "2048")
  int recallQueries;

  @Option(names = "--latency-queries", defaultValue = "2000")
  int latencyQueries;

  @Option(names = "--edit-sample", defaultValue = "100")
  int editSample;

  @Option(names = "--cores", defaultValue = "2")
  int cores;

  @Option(names = "--command", description = "the measured command line, for the report")
  String command = "";

  @Option(names = "--note", description = "a sentence about the machine's state")
  String note = "";

  @Option(names = "--load-before", defaultValue = "NaN")
  double loadBefore;

  @Option(names = "--json", paramLabel = "FILE")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE", description = "BENCHMARKS.md to update")
  Path markdown;

  @Override
  public Integer call() throws Exception {
    List<String> candidates = Files.readAllLines(work.resolve("candidates.txt"));
    List<String> queries = Files.readAllLines(work.resolve("queries.txt"));
    int[] truth =
        Files.readAllLines(work.resolve("truth.txt")).stream()
            .mapToInt(s -> Integer.parseInt(s) - 1)
            .toArray();
    List<List<String>> found = groups(work.resolve("pipeline.tsv"), queries.size());
    List<List<String>> exact =
        groups(work.resolve("exact.tsv"), Math.min(recallQueries, queries.size()));

    var out = new LinkedHashMap<String, Object>();
    out.put("machine", machine());
    var setup = new LinkedHashMap<String, Object>();
    setup.put("candidates", candidates.size());
    setup.put("queries", queries.size());
    setup.put("k", k);
    setup.put("model", model.toString());
    setup.put("command", command);
    out.put("setup", setup);

    var pipeline = new LinkedHashMap<String, Object>(time(work.resolve("pipeline.time")));
    pipeline.put("stages", stages(work.resolve("pipeline.err")));
    out.put("pipeline", pipeline);
    out.put("loadedIndexAllQueries", time(work.resolve("loaded.time")));
    out.put("index", indexSize(work.resolve("index")));

    var recall = new LinkedHashMap<String, Object>();
    recall.put("queries", exact.size());
    recall.put("recallAtK", recall(found, exact));
    recall.put("exactCommand", time(work.resolve("exact.time")));
    out.put("recall", recall);

    out.put("latency", latency(queries));

    int sample = Math.min(editSample, queries.size());
    var hits = new LinkedHashMap<String, Object>();
    hits.put("modelAllQueries", hitRate(found, truth, candidates, queries.size()));
    hits.put("modelOnEditSample", hitRate(found, truth, candidates, sample));
    Map<String, Object> edit = editDistance(candidates, queries, truth, sample);
    hits.put("editDistanceOnEditSample", edit.get("hitRate"));
    out.put("hitRate", hits);
    out.put("editDistance", edit);

    String text = JsonCodec.write(out);
    System.out.println(text);
    if (json != null) {
      Files.writeString(json, text + "\n", StandardCharsets.UTF_8);
    }
    if (markdown != null) {
      updateMarkdown(markdown, section(out));
    }
    return 0;
  }

  /** The candidates found for each of the first {@code count} queries, from a match TSV. */
  private List<List<String>> groups(Path tsv, int count) throws IOException {
    var out = new ArrayList<List<String>>(count);
    try (Stream<String> lines = Files.lines(tsv, StandardCharsets.UTF_8)) {
      var it = lines.iterator();
      String header = it.next();
      if (!header.equals("query\trank\tcandidate\tdistance")) {
        throw new IllegalStateException(tsv + ": unexpected header " + header);
      }
      while (it.hasNext()) {
        String[] f = it.next().split("\t", -1);
        if (f[1].equals("1")) {
          if (out.size() == count) {
            break;
          }
          out.add(new ArrayList<>());
        }
        out.get(out.size() - 1).add(f[2]);
      }
    }
    if (out.size() != count) {
      throw new IllegalStateException(tsv + ": " + out.size() + " queries, expected " + count);
    }
    return out;
  }

  private static double recall(List<List<String>> approximate, List<List<String>> exact) {
    long wanted = 0;
    long found = 0;
    for (int q = 0; q < exact.size(); q++) {
      var truth = new HashSet<>(exact.get(q));
      wanted += truth.size();
      found += approximate.get(q).stream().filter(truth::contains).count();
    }
    return found / (double) wanted;
  }

  private static double hitRate(
      List<List<String>> found, int[] truth, List<String> candidates, int count) {
    int hits = 0;
    for (int q = 0; q < count; q++) {
      hits += found.get(q).contains(candidates.get(truth[q])) ? 1 : 0;
    }
    return hits / (double) count;
  }

  /** Single-query latency on the saved index, embedding included, after a warm-up. */
  private Map<String, Object> latency(List<String> queries) throws IOException {
    int count = Math.min(latencyQueries, queries.size());
    int warmUp = Math.min(500, queries.size());
    var out = new LinkedHashMap<String, Object>();
    try (SimilarityModel m = SimilarityModel.load(model)) {
      long t = System.nanoTime();
      CandidateIndex index = CandidateIndex.load(work.resolve("index"), m);
      out.put("loadSeconds", (System.nanoTime() - t) / 1e9);
      for (int q = 0; q < warmUp; q++) {
        index.topK(queries.get(queries.size() - 1 - q), k);
      }
      double[] ms = new double[count];
      for (int q = 0; q < count; q++) {
        long s = System.nanoTime();
        index.topK(queries.get(q), k);
        ms[q] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(ms);
      out.put("queries", count);
      out.put("warmUpQueries", warmUp);
      out.put("p50Ms", ms[count / 2]);
      out.put("p99Ms", ms[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)]);
      out.put("maxMs", ms[count - 1]);
    }
    return out;
  }

  /** Brute-force normalised OSA top k of a sample, timed; extrapolated to all queries. */
  private Map<String, Object> editDistance(
      List<String> candidates, List<String> queries, int[] truth, int sample) {
    for (int i = 0; i < 200; i++) {
      String a = queries.get(i % queries.size());
      String b = candidates.get((i * 7919) % candidates.size());
      double expected = 1 - EditDistanceBaseline.damerauSimilarity(a, b);
      double actual =
          MatchBenchmark.normalisedOsa(
              a.codePoints().toArray(), b.codePoints().toArray(), new int[3][64]);
      if (Math.abs(expected - actual) > 1e-12) {
        throw new AssertionError("OSA of " + a + ", " + b + ": " + actual + " vs " + expected);
      }
    }
    int[][] points = candidates.stream().map(s -> s.codePoints().toArray()).toArray(int[][]::new);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long t = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    int[][] top =
        IntStream.range(0, sample)
            .parallel()
            .mapToObj(q -> osaTopK(queries.get(q).codePoints().toArray(), points))
            .toArray(int[][]::new);
    double wall = (System.nanoTime() - t) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    int hits = 0;
    for (int q = 0; q < sample; q++) {
      int source = truth[q];
      hits += Arrays.stream(top[q]).anyMatch(c -> c == source) ? 1 : 0;
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("sampleQueries", sample);
    out.put("sampleWallSeconds", wall);
    out.put("sampleCpuSeconds", cpuSeconds);
    out.put("cpuSecondsPerQuery", cpuSeconds / sample);
    out.put("extrapolatedCpuSecondsAllQueries", cpuSeconds / sample * queries.size());
    out.put(
        "extrapolatedWallSecondsAllQueriesOnTheseCores",
        cpuSeconds / sample * queries.size() / cores);
    out.put("hitRate", hits / (double) sample);
    return out;
  }

  /** The k candidates with the smallest normalised OSA distance, ties by index. */
  private int[] osaTopK(int[] query, int[][] candidates) {
    double[] bestD = new double[k];
    int[] best = new int[k];
    Arrays.fill(bestD, Double.POSITIVE_INFINITY);
    Arrays.fill(best, Integer.MAX_VALUE);
    int[][] rows = new int[3][128];
    for (int c = 0; c < candidates.length; c++) {
      double d = MatchBenchmark.normalisedOsa(query, candidates[c], rows);
      if (d < bestD[k - 1]) {
        int i = k - 1;
        while (i > 0 && bestD[i - 1] > d) {
          bestD[i] = bestD[i - 1];
          best[i] = best[i - 1];
          i--;
        }
        bestD[i] = d;
        best[i] = c;
      }
    }
    return best;
  }

  /** Wall, CPU, peak RSS and exit status from {@code /usr/bin/time -v} output. */
  private static Map<String, Object> time(Path file) throws IOException {
    var out = new LinkedHashMap<String, Object>();
    double user = 0;
    double system = 0;
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      String value = l.substring(l.lastIndexOf(':') + 1).strip();
      if (l.startsWith("Elapsed (wall clock) time")) {
        value = l.substring(l.indexOf("):") + 2).strip();
        double seconds = 0;
        for (String part : value.split(":")) {
          seconds = seconds * 60 + Double.parseDouble(part);
        }
        out.put("wallSeconds", seconds);
      } else if (l.startsWith("User time (seconds)")) {
        user = Double.parseDouble(value);
      } else if (l.startsWith("System time (seconds)")) {
        system = Double.parseDouble(value);
      } else if (l.startsWith("Maximum resident set size (kbytes)")) {
        out.put("peakRssMiB", Long.parseLong(value) / 1024.0);
      } else if (l.startsWith("Exit status")) {
        out.put("exitStatus", Integer.parseInt(value));
      }
    }
    out.put("cpuSeconds", user + system);
    return out;
  }

  /** The stage lines that match prints on a non-terminal stderr. */
  private static Map<String, Object> stages(Path err) throws IOException {
    var out = new LinkedHashMap<String, Object>();
    for (String line : Files.readAllLines(err)) {
      Matcher m = STAGE.matcher(line.strip());
      if (m.matches()) {
        out.put(
            m.group(1).startsWith("embedding") ? "embedWallSeconds" : "linkWallSeconds",
            Double.parseDouble(m.group(3)));
      }
    }
    return out;
  }

  private static Map<String, Object> indexSize(Path dir) throws IOException {
    var out = new LinkedHashMap<String, Object>();
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        long size = Files.size(p);
        out.put(p.getFileName().toString(), size);
        total += size;
      }
    }
    out.put("totalBytes", total);
    out.put("totalMiB", total / (double) (1 << 20));
    return out;
  }

  private Map<String, Object> machine() throws IOException {
    var out = new LinkedHashMap<String, Object>();
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      for (String line : Files.readAllLines(info)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    }
    out.put("cpu", cpu);
    out.put("cores", cores);
    out.put("java", System.getProperty("java.version"));
    out.put("loadAverageBefore", loadBefore);
    out.put(
        "loadAverageAfter",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.put("note", note);
    out.put("date", LocalDate.now(ZoneOffset.UTC).toString());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The BENCHMARKS.md section, between the markers. */
  private String section(Map<String, Object> r) {
    var machine = map(r.get("machine"));
    var setup = map(r.get("setup"));
    var pipeline = map(r.get("pipeline"));
    var stages = map(pipeline.get("stages"));
    var loaded = map(r.get("loadedIndexAllQueries"));
    var index = map(r.get("index"));
    var recall = map(r.get("recall"));
    var latency = map(r.get("latency"));
    var hits = map(r.get("hitRate"));
    var edit = map(r.get("editDistance"));
    int n = (Integer) setup.get("candidates");
    int q = (Integer) setup.get("queries");
    double wall = num(pipeline, "wallSeconds");
    double recallAtK = num(recall, "recallAtK");
    var b = new StringBuilder();
    b.append(START).append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "## Finding matches: %,d queries against %,d candidates%n%nWritten by"
                + " `.ci/match-benchmark.sh` on %s. Machine: %s, **%d cores** (load average %.1f"
                + " before, %.1f after). %s%n%nThe measured command, as a user runs it (data:"
                + " `match-data`, generated names such as `Sch A. Zetztz`; each query is a"
                + " candidate with one typing error, two in one case of"
                + " three):%n%n```%n%s%n```%n%n",
            q,
            n,
            machine.get("date"),
            machine.get("cpu"),
            (Integer) machine.get("cores"),
            num(machine, "loadAverageBefore"),
            num(machine, "loadAverageAfter"),
            machine.get("note"),
            setup.get("command")));
    b.append("| measure | value | target |\n|---|---|---|\n");
    row(
        b,
        String.format(
            Locale.ROOT,
            "whole command: embed %,d candidates, link the graph, save the index, answer %,d"
                + " queries",
            n,
            q),
        String.format(
            Locale.ROOT,
            "**%.0f s** wall, %.0f s CPU (embedding %.0f s, linking %.0f s)",
            wall,
            num(pipeline, "cpuSeconds"),
            num(stages, "embedWallSeconds"),
            num(stages, "linkWallSeconds")),
        String.format(Locale.ROOT, "<= 300 s: %s", wall <= 300 ? "met" : "**missed**"));
    row(
        b,
        String.format(
            Locale.ROOT,
            "approximate top-%d recall against `--exact` (%,d queries)",
            k,
            (Integer) recall.get("queries")),
        String.format(Locale.ROOT, "**%.4f**", recallAtK),
        String.format(Locale.ROOT, ">= 0.99: %s", recallAtK >= 0.99 ? "met" : "**missed**"));
    row(
        b,
        String.format(
            Locale.ROOT,
            "single-query latency on the loaded index, embedding included (%,d queries after %d"
                + " warm-up)",
            (Integer) latency.get("queries"),
            (Integer) latency.get("warmUpQueries")),
        String.format(
            Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", num(latency, "p50Ms"), num(latency, "p99Ms")),
        "");
    row(
        b,
        String.format(
            Locale.ROOT, "%,d queries against the saved index (`--index`), whole command", q),
        String.format(
            Locale.ROOT,
            "%.1f s wall (index loaded in %.1f s)",
            num(loaded, "wallSeconds"),
            num(latency, "loadSeconds")),
        "");
    row(b, "index on disk", String.format(Locale.ROOT, "%.0f MiB", num(index, "totalMiB")), "");
    row(
        b,
        "peak RSS of the whole command",
        String.format(Locale.ROOT, "%.0f MiB", num(pipeline, "peakRssMiB")),
        "");
    row(
        b,
        String.format(
            Locale.ROOT,
            "brute-force normalised Damerau-Levenshtein (OSA) top %d, timed on %d queries",
            k,
            (Integer) edit.get("sampleQueries")),
        String.format(
            Locale.ROOT,
            "%.2f s CPU per query: about %.0f min for %,d queries on %d cores",
            num(edit, "cpuSecondsPerQuery"),
            num(edit, "extrapolatedWallSecondsAllQueriesOnTheseCores") / 60,
            q,
            (Integer) machine.get("cores")),
        "");
    row(
        b,
        String.format(Locale.ROOT, "hit rate (the true source in the top %d): model", k),
        String.format(
            Locale.ROOT,
            "%.3f (all %,d queries); %.3f on the edit-distance sample",
            num(hits, "modelAllQueries"),
            q,
            num(hits, "modelOnEditSample")),
        "");
    row(
        b,
        String.format(Locale.ROOT, "hit rate: edit distance, same sample"),
        String.format(Locale.ROOT, "%.3f", num(hits, "editDistanceOnEditSample")),
        "");
    b.append(
        String.format(
            Locale.ROOT,
            "%nRaw numbers: `benchmarks-match.json`; `--exact` on the %,d recall queries took %.0f"
                + " s as a whole command.%n",
            (Integer) recall.get("queries"),
            num(map(recall.get("exactCommand")), "wallSeconds")));
    b.append(END);
    return b.toString();
  }

  private static void row(StringBuilder b, String measure, String value, String target) {
    b.append("| ").append(measure).append(" | ").append(value).append(" | ").append(target);
    b.append(" |\n");
  }

  private static void updateMarkdown(Path file, String section) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException(
          file + " has no " + START + " ... " + END + " section to replace");
    }
    Files.writeString(
        file,
        text.substring(0, start) + section + text.substring(end + END.length()),
        StandardCharsets.UTF_8);
  }
}
