package org.siameseangular.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.Json;

/**
 * Training and scoring speed of several encodings in one JVM, measured round-robin (encoding A, B, C, then A,
 * B, C again, ...) so that every encoding sees the same share of a shared, noisy machine. Reports, per measure,
 * the median repetition, the best one (the closest to an idle machine) and the process CPU time per pair.
 *
 * <p>Arguments: {@code data=english|mixed units=32 reps=5} and then one encoding per argument as
 * {@code label:key=value,key=value} (keys as in {@link EncodingCalibration}; moduli and periods separated by
 * {@code ;}; {@code units} there overrides the common one), e.g.
 * {@code base:encoding=scalar h2:encoding=hashed,moduli=1031;1087,dim=16}. Training: the calibration session's
 * Adam step on consecutive batches (400 steps at batch 1, 100 at 32 and 64, 20 at 128 and 256 per repetition,
 * as python-export/benchmark.py); scoring: {@link SimilarityModel} on a prototype export (2000 single calls,
 * and 20 calls of 1024 pairs, per repetition); the first repetition is warm-up.
 */
public final class SpeedComparison {
  private SpeedComparison() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    Map<String, Map<String, String>> encodings = new LinkedHashMap<>();
    for (String arg : args) {
      int colon = arg.indexOf(':');
      if (colon < 0) {
        opts.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        continue;
      }
      Map<String, String> kv = new LinkedHashMap<>();
      for (String part : arg.substring(colon + 1).split(",")) {
        kv.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1).replace(';', ','));
      }
      encodings.put(arg.substring(0, colon), kv);
    }
    int units = Integer.parseInt(opts.getOrDefault("units", "32"));
    int reps = Integer.parseInt(opts.getOrDefault("reps", "5"));
    List<Pair> pairs = new ArrayList<>(DefaultDataset.defaultPairs());
    if (opts.getOrDefault("data", "english").equals("mixed")) {
      pairs = new ArrayList<>(DefaultDataset.defaultPairs().subList(0, 8000));
      for (var k : CalibrationData.mixed(300, 60, 99)) {
        pairs.add(k.pair());
      }
      java.util.Collections.shuffle(pairs, new java.util.Random(5));
    }
    double meanCodePoints = pairs.stream()
        .mapToInt(p -> p.left().codePointCount(0, p.left().length())
            + p.right().codePointCount(0, p.right().length()))
        .average().orElse(0);

    List<String> labels = new ArrayList<>(encodings.keySet());
    List<ModelSpec> specs = new ArrayList<>();
    for (var kv : encodings.values()) {
      int u = kv.containsKey("units") ? Integer.parseInt(kv.get("units")) : units;
      specs.add(new ModelSpec(u, EncodingCalibration.encoding(kv), ModelSpec.DEFAULT_CLIP_EPSILON));
    }
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    labels.forEach(l -> results.put(l, new LinkedHashMap<>()));

    List<CalibrationSession> sessions = new ArrayList<>();
    Path dir = Files.createTempDirectory("speed-comparison");
    List<SimilarityModel> models = new ArrayList<>();
    try {
      for (int i = 0; i < specs.size(); i++) {
        ModelWeights w = KerasInitializers.model(specs.get(i), 42);
        sessions.add(new CalibrationSession(specs.get(i), w, 0.005));
        Path export = dir.resolve("m" + i);
        PrototypeExport.export(export, specs.get(i), w);
        models.add(SimilarityModel.load(export));
      }
      int[] next = new int[specs.size()];
      for (int rep = 0; rep <= reps; rep++) {
        for (int i = 0; i < specs.size(); i++) {
          var r = results.get(labels.get(i));
          for (int b : new int[] {1, 32, 64, 128, 256}) {
            int steps = b == 1 ? 400 : b <= 64 ? 100 : 20;
            long start = System.nanoTime();
            long cpu = cpuNanos();
            for (int s = 0; s < steps; s++, next[i]++) {
              int from = (int) (((long) next[i] * b) % (pairs.size() - b));
              sessions.get(i).step(pairs.subList(from, from + b));
            }
            add(r, "trainBatch" + b + "CpuMicrosPerPair", rep, (cpuNanos() - cpu) / 1e3 / b / steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            add(r, "trainBatch" + b + "PairsPerSecond", rep, (double) b * steps / seconds);
          }
          SimilarityModel m = models.get(i);
          long[] nanos = new long[2000];
          long cpuSingle = cpuNanos();
          for (int c = 0; c < nanos.length; c++) {
            Pair p = pairs.get((rep * nanos.length + c) % pairs.size());
            long start = System.nanoTime();
            m.distance(p.left(), p.right());
            nanos[c] = System.nanoTime() - start;
          }
          add(r, "singleCpuMicrosPerCall", rep, (cpuNanos() - cpuSingle) / 1e3 / nanos.length);
          Arrays.sort(nanos);
          add(r, "p50Ms", rep, nanos[nanos.length / 2] / 1e6);
          add(r, "p99Ms", rep, nanos[(int) (nanos.length * 0.99)] / 1e6);
          long start = System.nanoTime();
          long cpuBatch = cpuNanos();
          for (int c = 0; c < 20; c++) {
            int from = (c * 1024) % (pairs.size() - 1024);
            List<Pair> batch = pairs.subList(from, from + 1024);
            m.distances(batch.stream().map(Pair::left).toList(), batch.stream().map(Pair::right).toList());
          }
          add(r, "batch1024PairsPerSecond", rep, 20 * 1024 / ((System.nanoTime() - start) / 1e9));
          add(r, "batch1024CpuMicrosPerPair", rep, (cpuNanos() - cpuBatch) / 1e3 / (20 * 1024));
        }
      }
    } finally {
      sessions.forEach(CalibrationSession::close);
      models.forEach(SimilarityModel::close);
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("data", opts.getOrDefault("data", "english"));
    out.put("meanCodePointsPerPair", meanCodePoints);
    out.put("units", units);
    out.put("reps", reps);
    for (int i = 0; i < labels.size(); i++) {
      var summary = new LinkedHashMap<String, Object>();
      summary.put("encoding", specs.get(i).encoding().describe());
      summary.put("units", specs.get(i).units());
      results.get(labels.get(i)).forEach((k, v) -> summary.put(k, median(v)));
      // The best repetition approximates the machine without the other jobs' load.
      results.get(labels.get(i)).forEach((k, v) -> summary.put("best:" + k, k.endsWith("PerSecond")
          ? v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
          : v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
      summary.put("raw", results.get(labels.get(i)));
      out.put(labels.get(i), summary);
    }
    System.out.println(Json.writeCompact(out));
  }

  /**
   * CPU time of the whole process, TensorFlow's native threads included: on a machine shared with other jobs,
   * CPU time per pair moves far less than wall time, so it is the fairer measure of what an encoding costs.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void add(Map<String, List<Double>> r, String key, int rep, double value) {
    if (rep > 0) { // repetition 0 warms up
      r.computeIfAbsent(key, k -> new ArrayList<>()).add(Math.round(value * 1000) / 1000.0);
    }
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
