package org.siameseangular.spark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.siameseangular.io.Decimals;
import org.siameseangular.match.AngularDistance;
import org.siameseangular.model.SimilarityModel;

/**
 * The single-JVM side of {@link SparkBenchmark} (a program, not a test; no Spark inside): what
 * {@code score --data IN --out OUT} does, until that command exists. Reads {@code left,right} CSV
 * lines (the benchmark's generated file: no quoting), embeds each distinct string once with {@link
 * SimilarityModel#embed(List)} on {@code --threads} threads, scores each pair with {@link
 * AngularDistance}, writes {@code left,right,distance} ({@link Decimals#format}).
 *
 * <p>With {@code --every-pair N} it instead scores the first N pairs with {@link
 * SimilarityModel#distances} (both strings of every pair through the model, batches of 256, on
 * {@code --threads} threads) and writes nothing: the cost without distinct-string embedding.
 *
 * <pre>
 * TF_CPP_MIN_LOG_LEVEL=2 java -cp target/siamese-angular.jar:target/test-classes \
 *     org.siameseangular.spark.SingleJvmScore --model DIR --input IN.csv --output OUT.csv
 * </pre>
 */
public final class SingleJvmScore {
  private SingleJvmScore() {}

  public static void main(String[] args) throws Exception {
    var o = new HashMap<String, String>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
    long start = System.nanoTime();
    var lefts = new ArrayList<String>();
    var rights = new ArrayList<String>();
    try (BufferedReader in = Files.newBufferedReader(Path.of(o.get("input")))) {
      String header = in.readLine();
      if (!"left,right".equals(header)) {
        throw new IllegalArgumentException("expected the header left,right, found " + header);
      }
      for (String line; (line = in.readLine()) != null; ) {
        int comma = line.indexOf(',');
        lefts.add(line.substring(0, comma));
        rights.add(line.substring(comma + 1));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SimilarityModel model = SimilarityModel.load(Path.of(o.get("model")))) {
      if (o.containsKey("every-pair")) {
        int n = Math.min(lefts.size(), Integer.parseInt(o.get("every-pair")));
        long t = System.nanoTime();
        var parts = new ArrayList<Future<float[]>>();
        for (int p = 0; p < threads; p++) {
          int from = (int) ((long) n * p / threads);
          int to = (int) ((long) n * (p + 1) / threads);
          parts.add(
              pool.submit(
                  () -> model.distances(lefts.subList(from, to), rights.subList(from, to))));
        }
        for (Future<float[]> f : parts) {
          f.get();
        }
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(
            Locale.ROOT, "every-pair: %d pairs in %.2f s = %.0f pairs/s%n", n, s, n / s);
        return;
      }
      var ids = new HashMap<String, Integer>();
      var distinct = new ArrayList<String>();
      int[] l = new int[lefts.size()];
      int[] r = new int[rights.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = ids.computeIfAbsent(lefts.get(i), s -> add(distinct, s));
        r[i] = ids.computeIfAbsent(rights.get(i), s -> add(distinct, s));
      }
      long t = System.nanoTime();
      float[][] unit = new float[distinct.size()][];
      var parts = new ArrayList<Future<?>>();
      int chunk = 8192;
      for (int from = 0; from < distinct.size(); from += chunk) {
        int f = from;
        int to = Math.min(distinct.size(), from + chunk);
        parts.add(
            pool.submit(
                () -> {
                  float[][] e = model.embed(distinct.subList(f, to));
                  for (int i = 0; i < e.length; i++) {
                    unit[f + i] = AngularDistance.normalize(e[i]);
                  }
                }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
      double embedSeconds = (System.nanoTime() - t) / 1e9;
      AngularDistance head = AngularDistance.of(model);
      try (BufferedWriter out =
          Files.newBufferedWriter(Path.of(o.get("output")), StandardCharsets.UTF_8)) {
        out.write("left,right,distance\n");
        for (int i = 0; i < l.length; i++) {
          float d = head.ofCosine(AngularDistance.dot(unit[l[i]], unit[r[i]]));
          out.write(lefts.get(i));
          out.write(',');
          out.write(rights.get(i));
          out.write(',');
          out.write(Decimals.format(d));
          out.write('\n');
        }
      }
      System.out.printf(
          Locale.ROOT,
          "single JVM: %d pairs, %d distinct strings embedded in %.2f s, total %.2f s%n",
          l.length,
          distinct.size(),
          embedSeconds,
          (System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static int add(List<String> distinct, String s) {
    distinct.add(s);
    return distinct.size() - 1;
  }
}
