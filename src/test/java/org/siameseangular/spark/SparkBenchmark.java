package org.siameseangular.spark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.siameseangular.io.JsonCodec;

/**
 * Issue 12's numbers (a program, not a test): {@code P} pairs over {@code N} distinct name-like
 * strings, scored by {@link ScoreJob} in {@code local[2]} and by one JVM ({@code score --data}),
 * each as a whole command in a child process (wall and CPU time, peak RSS, Java heap from the GC
 * log); every pair through the model on a sample ({@code SingleJvmScore --every-pair}),
 * extrapolated; and the SQL function ({@link SqlScore}). Needs the jar, the test classes and
 * target/spark-lib:
 *
 * <pre>
 * mvn -B -q package -DskipTests -Pspark-local
 * java -cp "target/test-classes:target/siamese-angular.jar" org.siameseangular.spark.SparkBenchmark \
 *     --model models/siamese-lstm --work target/spark-bench --json target/spark-bench/results.json
 * </pre>
 *
 * <p>Options: {@code --pairs 1000000 --names 100000 --reps 3 --heap 1g --every-pair 100000 --sql
 * true --seed 1}.
 */
public final class SparkBenchmark {
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final Map<String, String> options;
  private final Path work;
  private final Map<String, Object> results = new LinkedHashMap<>();

  private SparkBenchmark(Map<String, String> options) {
    this.options = options;
    this.work = Path.of(options.getOrDefault("work", "target/spark-bench"));
  }

  public static void main(String[] args) throws Exception {
    var o = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new SparkBenchmark(o).run();
  }

  private int option(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)).replace("_", ""));
  }

  /** One child run: wall seconds, peak RSS, peak heap used and committed (MiB), its stdout. */
  record Run(
      double seconds,
      double cpuSeconds,
      long peakRssMiB,
      long peakHeapUsedMiB,
      long peakHeapCommittedMiB,
      String stdout) {}

  private void run() throws Exception {
    Files.createDirectories(work);
    String model = options.get("model");
    int pairs = option("pairs", 1_000_000);
    int names = option("names", 100_000);
    int reps = option("reps", 3);
    String heap = options.getOrDefault("heap", "1g");
    Path input = work.resolve("pairs-" + pairs + "-" + names + ".csv");
    if (!Files.exists(input)) {
      generate(input, pairs, names, option("seed", 1));
    }
    results.put(
        "machine",
        Map.of(
            "cores", Runtime.getRuntime().availableProcessors(),
            "loadAverageAtStart", loadAverage(),
            "java", System.getProperty("java.version")));
    results.put("pairs", pairs);
    results.put("names", names);
    results.put("heap", heap);
    String sparkCp = sparkClassPath();
    String jarCp = "target/siamese-angular.jar:target/test-classes";
    List<String> moduleOptions = moduleOptions();

    var single = new ArrayList<Run>();
    var spark = new ArrayList<Run>();
    for (int r = 0; r < reps; r++) {
      Path singleOut = work.resolve("single.csv");
      Files.deleteIfExists(singleOut);
      single.add(
          child(
              "single-" + r,
              List.of(
                  "java",
                  "-Xmx" + heap,
                  "-Xlog:gc:file=" + work.resolve("gc-single-" + r + ".log"),
                  "-jar",
                  "target/siamese-angular.jar",
                  "score",
                  "--model",
                  model,
                  "--data",
                  input.toString(),
                  "--out",
                  singleOut.toString())));
      Path sparkOut = work.resolve("spark-out");
      deleteTree(sparkOut);
      var command = new ArrayList<>(List.of("java", "-Xmx" + heap));
      command.addAll(moduleOptions);
      command.addAll(
          List.of(
              "-Xlog:gc:file=" + work.resolve("gc-spark-" + r + ".log"),
              "-cp",
              sparkCp,
              ScoreJob.class.getName(),
              "--master",
              "local[2]",
              "--model",
              model,
              "--input",
              input.toString(),
              "--output",
              sparkOut.toString()));
      spark.add(child("spark-" + r, command));
      log(
          "rep %d: single %.1f s (%.1f s CPU), spark %.1f s (%.1f s CPU)",
          r,
          single.get(r).seconds(),
          single.get(r).cpuSeconds(),
          spark.get(r).seconds(),
          spark.get(r).cpuSeconds());
    }
    results.put("singleJvm", single);
    results.put("sparkLocal2", spark);
    results.put(
        "maxDistanceDifference", compare(work.resolve("single.csv"), work.resolve("spark-out")));

    int sample = option("every-pair", 100_000);
    Run every =
        child(
            "every-pair",
            List.of(
                "java",
                "-Xmx" + heap,
                "-cp",
                jarCp,
                SingleJvmScore.class.getName(),
                "--model",
                model,
                "--input",
                input.toString(),
                "--every-pair",
                String.valueOf(sample)));
    results.put("everyPairSample", every);

    if (Boolean.parseBoolean(options.getOrDefault("sql", "true"))) {
      Path sqlOut = work.resolve("sql-out");
      deleteTree(sqlOut);
      var command = new ArrayList<>(List.of("java", "-Xmx" + heap));
      command.addAll(moduleOptions);
      command.addAll(
          List.of(
              "-cp",
              sparkCp + ":target/test-classes",
              SqlScore.class.getName(),
              model,
              input.toString(),
              sqlOut.toString()));
      results.put("sqlFunction", child("sql", command));
    }
    results.put("loadAverageAtEnd", loadAverage());
    if (options.containsKey("json")) {
      JsonCodec.writeFile(Path.of(options.get("json")), results);
    }
    System.out.println(JsonCodec.write(results));
  }

  /** {@code pairs} rows over {@code names} distinct "First [M.] Last" strings, each used. */
  static void generate(Path file, int pairs, int names, long seed) throws IOException {
    String[] syllables = {
      "al", "an", "ar", "be", "bo", "ca", "chen", "da", "de", "di", "el", "en", "er", "fa", "ga",
      "ha", "in", "ja", "jo", "ka", "ki", "la", "le", "li", "lo", "ma", "mar", "me", "mi", "na",
      "ne", "no", "o", "pa", "ra", "re", "ri", "ro", "sa", "se", "si", "son", "ta", "te", "ti",
      "to", "va", "vi", "ya", "za", "berg", "ov", "ski", "ton", "ley"
    };
    var random = new SplittableRandom(seed);
    var set = new LinkedHashSet<String>();
    while (set.size() < names) {
      var b = new StringBuilder();
      for (int w = 0; w < 2; w++) {
        int n = 1 + random.nextInt(3);
        int start = b.length();
        for (int s = 0; s < n; s++) {
          b.append(syllables[random.nextInt(syllables.length)]);
        }
        b.setCharAt(start, Character.toUpperCase(b.charAt(start)));
        b.append(
            w == 0 && random.nextInt(5) == 0
                ? " " + (char) ('A' + random.nextInt(26)) + ". "
                : " ");
      }
      set.add(b.toString().trim());
    }
    String[] all = set.toArray(String[]::new);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("left,right\n");
      for (int i = 0; i < pairs; i++) {
        // The first pass uses every name once; then uniformly random.
        String l = i < names ? all[i] : all[random.nextInt(names)];
        String r = all[random.nextInt(names)];
        out.write(l + "," + r + "\n");
      }
    }
    log("generated %s: %,d pairs over %,d names", file, pairs, names);
  }

  /**
   * Runs {@code command} under /usr/bin/time (CPU seconds, peak RSS) with TF_CPP_MIN_LOG_LEVEL=2;
   * fails on a non-zero exit.
   */
  private Run child(String name, List<String> command) throws Exception {
    // /usr/bin/time: the CPU seconds (user + system) of the whole command, the steadier number on a
    // shared machine, where wall time measures the neighbours too.
    Path times = work.resolve(name + ".time");
    var timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", times.toString()));
    timed.addAll(command);
    var pb = new ProcessBuilder(timed);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Path stdout = work.resolve(name + ".out");
    Path stderr = work.resolve(name + ".err");
    pb.redirectOutput(stdout.toFile());
    pb.redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          name + " exited with " + p.exitValue() + ": " + Files.readString(stderr));
    }
    long[] heap = heapPeaks(command);
    // The last line: time prints "Command exited with non-zero status" lines before it.
    List<String> timeLines = Files.readAllLines(times);
    String[] cpu = timeLines.get(timeLines.size() - 1).trim().split(" ");
    double cpuSeconds = Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]);
    long peakKb = Long.parseLong(cpu[2]);
    return new Run(
        seconds, cpuSeconds, peakKb / 1024, heap[0], heap[1], Files.readString(stdout).trim());
  }

  /** Peak heap used (before a collection) and committed, MiB, from the child's -Xlog:gc file. */
  private static long[] heapPeaks(List<String> command) throws IOException {
    long used = 0;
    long committed = 0;
    for (String c : command) {
      if (c.startsWith("-Xlog:gc:file=")) {
        Path log = Path.of(c.substring("-Xlog:gc:file=".length()));
        for (String line : Files.readAllLines(log)) {
          Matcher m = GC.matcher(line);
          if (m.find()) {
            used = Math.max(used, Long.parseLong(m.group(1)));
            committed = Math.max(committed, Long.parseLong(m.group(3)));
          }
        }
      }
    }
    return new long[] {used, committed};
  }

  /** The largest |difference| between the two outputs' distances of the same pair. */
  private static double compare(Path single, Path sparkDir) throws IOException {
    var expected = new HashMap<String, Float>();
    try (BufferedReader in = Files.newBufferedReader(single)) {
      in.readLine();
      for (String line; (line = in.readLine()) != null; ) {
        int last = line.lastIndexOf(',');
        expected.put(line.substring(0, last), Float.parseFloat(line.substring(last + 1)));
      }
    }
    double worst = 0;
    long compared = 0;
    try (Stream<Path> parts = Files.list(sparkDir)) {
      for (Path part : parts.filter(f -> f.toString().endsWith(".csv")).toList()) {
        try (BufferedReader in = Files.newBufferedReader(part)) {
          in.readLine();
          for (String line; (line = in.readLine()) != null; ) {
            int last = line.lastIndexOf(',');
            Float e = expected.get(line.substring(0, last));
            if (e == null) {
              throw new IllegalStateException("Spark wrote a pair the input lacks: " + line);
            }
            worst = Math.max(worst, Math.abs(e - Float.parseFloat(line.substring(last + 1))));
            compared++;
          }
        }
      }
    }
    log("compared %,d pairs: max |difference| %.3g", compared, worst);
    return worst;
  }

  /** The class path of target/spark-local.args: Spark's jars first, then the product jar. */
  private static String sparkClassPath() throws IOException {
    String first = Files.readAllLines(Path.of("target/spark-local.args")).get(0);
    if (!first.startsWith("-cp ")) {
      throw new IllegalStateException(
          "target/spark-local.args: expected -cp first, found " + first);
    }
    return first.substring(4).trim();
  }

  private static List<String> moduleOptions() throws IOException {
    String second = Files.readAllLines(Path.of("target/spark-local.args")).get(1);
    return Arrays.asList(second.trim().split("\\s+"));
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
