package org.siameseangular.dev;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.train.LearningRateSchedule;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.ThroughputProbe;
import org.siameseangular.train.TrainConfig;
import org.tensorflow.TensorFlow;

/**
 * The Java half of python-export/benchmark.py: raw timings only (every repetition), as JSON-ready
 * maps; the Python side takes medians and ratios. Batches are consecutive slices of the data file
 * in file order, cycled, exactly as the Keras side slices them, so both sides see the same batches
 * in the same order.
 */
public final class JavaBench {
  /** At most this many distinct batches are cycled (both sides use the same rule). */
  public static final int MAX_DISTINCT_BATCHES = 256;

  private JavaBench() {}

  /**
   * The first {@code count} batches of {@code batchSize} consecutive pairs (fewer if the data is
   * short).
   */
  public static List<List<Pair>> batches(List<Pair> pairs, int batchSize) {
    int count = Math.min(MAX_DISTINCT_BATCHES, pairs.size() / batchSize);
    if (count < 1) {
      throw new IllegalArgumentException(
          pairs.size() + " pairs are fewer than one batch of " + batchSize);
    }
    List<List<Pair>> out = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      out.add(pairs.subList(b * batchSize, (b + 1) * batchSize));
    }
    return out;
  }

  /**
   * Training throughput: for each batch size, {@code repeats} timed runs of {@code steps[i]} steps.
   */
  public static List<Object> train(
      List<Pair> pairs,
      ModelSpec spec,
      Optimizer optimizer,
      double learningRate,
      int[] batchSizes,
      int[] steps,
      int repeats,
      long seed) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < batchSizes.length; i++) {
      int b = batchSizes[i];
      int n = steps[i];
      var config =
          TrainConfig.defaults()
              .withSpec(spec)
              .withLengthBuckets(false)
              .withOptimizer(optimizer)
              .withLearningRate(learningRate)
              .withEpochs(1)
              .withBatchSize(b)
              .withSeed(seed)
              .withPatience(0)
              .withSchedule(LearningRateSchedule.CONSTANT); // as Keras's fit in benchmark.py
      float[] loss = new float[1];
      // Warm-up = one repetition's worth of steps (the Keras side runs one untimed epoch of the
      // same size).
      List<Double> seconds =
          ThroughputProbe.measure(config, batches(pairs, b), steps[i], steps[i], repeats, loss);
      var row = new LinkedHashMap<String, Object>();
      row.put("units", spec.units());
      row.put("encoding", spec.encoding().describe());
      row.put("batchSize", b);
      row.put("steps", steps[i]);
      row.put("warmupSteps", steps[i]);
      row.put("seconds", seconds);
      row.put("pairsPerSecond", seconds.stream().map(s -> (double) b * n / s).toList());
      row.put("lastLoss", (double) loss[0]);
      out.add(row);
    }
    return out;
  }

  /** Exports a model with Keras-initialised weights to {@code dir}, for both sides to serve. */
  public static void export(Path dir, ModelSpec spec, long seed) throws IOException {
    var metadata = ModelMetadata.describing(spec).withProducer("bench");
    ModelExporter.export(dir, metadata, KerasInitializers.model(spec, seed), staged -> {});
  }

  /**
   * Serving: single-pair latency of {@link SimilarityModel#distance} ({@code calls} per repetition,
   * after as many warm-up calls; none when {@code calls} is 0) and batched throughput of {@link
   * SimilarityModel#distances} at {@code batch} pairs: {@code batchWarmup} untimed calls, then
   * {@code repeats} repetitions of {@code batchCalls} timed calls, the same protocol as the Python
   * side (python-export/benchmark.py, child_python_serve). Every batch call's own seconds are
   * reported too ({@code batchCallSeconds}, warm-up first), to show when the rate stops rising, and
   * the process's CPU seconds (all threads) of each repetition and of each call ({@code
   * batchCpuSeconds}, {@code batchCallCpuSeconds}).
   */
  public static Map<String, Object> serve(
      Path dir,
      List<Pair> pairs,
      int calls,
      int batchWarmup,
      int batchCalls,
      int batch,
      int repeats) {
    var out = new LinkedHashMap<String, Object>();
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      float sink = 0;
      if (calls > 0) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        long[] nanos = new long[calls];
        int next = 0;
        for (int i = 0; i < calls; i++, next++) {
          Pair p = pairs.get(next % pairs.size());
          sink += model.distance(p.left(), p.right());
        }
        for (int rep = 0; rep < repeats; rep++) {
          for (int i = 0; i < calls; i++, next++) {
            Pair p = pairs.get(next % pairs.size());
            long start = System.nanoTime();
            sink += model.distance(p.left(), p.right());
            nanos[i] = System.nanoTime() - start;
          }
          long[] sorted = nanos.clone();
          Arrays.sort(sorted);
          p50.add(percentile(sorted, 0.50) / 1e6);
          p99.add(percentile(sorted, 0.99) / 1e6);
        }
        out.put("singleCalls", calls);
        out.put("p50Ms", p50);
        out.put("p99Ms", p99);
      }

      List<List<String>> lefts = new ArrayList<>();
      List<List<String>> rights = new ArrayList<>();
      for (int start = 0; start + batch <= pairs.size() && lefts.size() < 8; start += batch) {
        List<Pair> chunk = pairs.subList(start, start + batch);
        lefts.add(chunk.stream().map(Pair::left).toList());
        rights.add(chunk.stream().map(Pair::right).toList());
      }
      int total = batchWarmup + repeats * batchCalls;
      List<Double> callSeconds = new ArrayList<>(total);
      List<Double> callCpuSeconds = new ArrayList<>(total);
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      List<Double> throughput = new ArrayList<>();
      List<Double> cpuSeconds = new ArrayList<>();
      long repBegin = 0;
      long repCpu = 0;
      for (int call = 0; call < total; call++) {
        boolean timed = call >= batchWarmup;
        if (timed && (call - batchWarmup) % batchCalls == 0) {
          repCpu = os.getProcessCpuTime();
          repBegin = System.nanoTime();
        }
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        sink += model.distances(lefts.get(call % lefts.size()), rights.get(call % lefts.size()))[0];
        long end = System.nanoTime();
        long cpuEnd = os.getProcessCpuTime();
        callSeconds.add((end - start) / 1e9);
        callCpuSeconds.add((cpuEnd - cpu) / 1e9);
        if (timed && (call - batchWarmup) % batchCalls == batchCalls - 1) {
          throughput.add((double) batch * batchCalls / ((end - repBegin) / 1e9));
          cpuSeconds.add((cpuEnd - repCpu) / 1e9);
        }
      }
      out.put("batch", batch);
      out.put("batchWarmup", batchWarmup);
      out.put("batchCalls", batchCalls);
      out.put("batchPairsPerSecond", throughput);
      out.put("batchCallSeconds", callSeconds);
      // The process's CPU time (all threads) of each repetition: on a shared machine the steadier
      // figure.
      out.put("batchCpuSeconds", cpuSeconds);
      out.put("batchCallCpuSeconds", callCpuSeconds);
      out.put("checksum", (double) sink);
      float[] first = model.distances(lefts.get(0).subList(0, 4), rights.get(0).subList(0, 4));
      List<Double> firstFour = new ArrayList<>();
      for (float f : first) {
        firstFour.add((double) f);
      }
      out.put("firstDistances", firstFour);
    }
    return out;
  }

  private static double percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Versions and machine facts that the report prints. */
  public static Map<String, Object> environment() {
    var env = new LinkedHashMap<String, Object>();
    env.put("javaVersion", System.getProperty("java.runtime.version"));
    env.put("javaVm", System.getProperty("java.vm.name"));
    env.put("tensorflowRuntime", TensorFlow.version());
    env.put("tensorflowJava", "1.1.0");
    env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    return env;
  }
}
