package org.siameseangular.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.siameseangular.bench.JavaBench;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.HardVariations;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.report.Json;

/**
 * Trains one model per run with a given input encoding and measures it: the calibration harness of issue 10.
 *
 * <p>Training data: the embedded English typo set (first 90 % train, last 10 % validation, as {@code train}
 * splits it) plus {@link CalibrationData#mixed} multi-script pairs (seed 7, 90/10). Held-out data: the same
 * generators with other seeds (1001, 1002, 1003), and the shipped hard-variations set. The loop is the
 * project's (Adam, per-epoch seeded shuffle, keep the best validation AUC, patience).
 *
 * <p>Run (one JSON line per run is appended to {@code out}):
 *
 * <pre>
 * TF_CPP_MIN_LOG_LEVEL=2 mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.siameseangular.calibration.EncodingCalibration \
 *   -Dexec.args="encoding=hashed moduli=1031,1087 dim=16 out=target/calibration.jsonl"
 * </pre>
 *
 * Keys (defaults): encoding=scalar|hashed|periodic|combined, moduli=1031,1087, dim=16, init=0.05, tanh=false,
 * periods=7,11,13,17,19,23,256,4096,65536, units=32, lr=0.005, batch=32, epochs=40, patience=10, seed=42,
 * perScript=1000 (typo pairs per script), perKind=200 (pairs per variation kind and script),
 * english=14400 (English training pairs), speed=false (training and scoring throughput), label=,
 * bucket=false (length-bucketed batches, see {@link #bucketed});
 * trainFile=, heldFile= (TSV with kind and script columns, as branch data10's TaggedPairFiles writes
 * MultiScriptDataset.training() and heldOut(): they replace the generated training and held-out pairs).
 */
public final class EncodingCalibration {
  private EncodingCalibration() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, found " + arg);
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Map<String, Object> result = run(a);
    String line = Json.writeCompact(result) + "\n";
    Path out = Path.of(a.getOrDefault("out", "target/calibration.jsonl"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.print(line);
  }

  static InputEncoding encoding(Map<String, String> a) {
    List<Integer> moduli = ints(a.getOrDefault("moduli", "1031,1087"));
    int dim = Integer.parseInt(a.getOrDefault("dim", "16"));
    float init = Float.parseFloat(a.getOrDefault("init", "0.05"));
    boolean bounded = Boolean.parseBoolean(a.getOrDefault("tanh", "false"));
    List<Integer> periods = ints(a.getOrDefault("periods", "7,11,13,17,19,23,256,4096,65536"));
    return switch (a.getOrDefault("encoding", "scalar")) {
      case "scalar" -> new InputEncoding.Scalar(ModelSpec.DEFAULT_INPUT_CENTER, ModelSpec.DEFAULT_INPUT_SCALE);
      case "hashed" -> new InputEncoding.Hashed(moduli, dim, init, bounded);
      case "periodic" -> new InputEncoding.Periodic(periods);
      case "combined" -> new InputEncoding.Combined(
          new InputEncoding.Hashed(moduli, dim, init, bounded), new InputEncoding.Periodic(periods));
      default -> throw new IllegalArgumentException("unknown encoding " + a.get("encoding"));
    };
  }

  static Map<String, Object> run(Map<String, String> a) throws IOException {
    var spec = new ModelSpec(Integer.parseInt(a.getOrDefault("units", "32")), encoding(a),
        ModelSpec.DEFAULT_CLIP_EPSILON);
    double lr = Double.parseDouble(a.getOrDefault("lr", "0.005"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "32"));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "40"));
    int patience = Integer.parseInt(a.getOrDefault("patience", "10"));
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
    int perScript = Integer.parseInt(a.getOrDefault("perScript", "1000"));
    int perKind = Integer.parseInt(a.getOrDefault("perKind", "200"));
    int english = Integer.parseInt(a.getOrDefault("english", "14400"));
    boolean speed = Boolean.parseBoolean(a.getOrDefault("speed", "false"));
    boolean bucket = Boolean.parseBoolean(a.getOrDefault("bucket", "false"));

    List<Pair> englishAll = DefaultDataset.defaultPairs();
    int englishTrainEnd = (int) Math.floor(0.9 * englishAll.size());
    List<Pair> englishTrain = englishAll.subList(0, Math.min(english, englishTrainEnd));
    List<Pair> englishVal = englishAll.subList(englishTrainEnd, englishAll.size());
    String trainFile = a.get("trainFile");
    List<KindedPair> heldFile = a.containsKey("heldFile") ? readTagged(Path.of(a.get("heldFile"))) : null;
    List<KindedPair> scripts = trainFile != null ? readTagged(Path.of(trainFile))
        : perScript + perKind > 0 ? CalibrationData.mixed(perScript, perKind, 7) : List.of();
    int scriptTrainEnd = (int) Math.floor(0.9 * scripts.size());
    List<Pair> train = new ArrayList<>(englishTrain);
    scripts.subList(0, scriptTrainEnd).forEach(k -> train.add(k.pair()));
    List<KindedPair> scriptVal = scripts.subList(scriptTrainEnd, scripts.size());
    List<Pair> val = new ArrayList<>(englishVal);
    scriptVal.forEach(k -> val.add(k.pair()));

    var result = new LinkedHashMap<String, Object>();
    result.put("label", a.getOrDefault("label", ""));
    result.put("encoding", spec.encoding().describe());
    result.put("width", spec.encoding().width());
    result.put("units", spec.units());
    result.put("lr", lr);
    result.put("batch", batch);
    result.put("bucket", bucket);
    result.put("seed", Long.toString(seed));
    result.put("trainPairs", train.size());
    result.put("valPairs", val.size());

    ModelWeights initial = KerasInitializers.model(spec, seed);
    result.put("parameters", initial.parameterCount());
    ModelWeights best = initial;
    double bestAuc = -1;
    int bestEpoch = 0;
    List<Double> epochSeconds = new ArrayList<>();
    List<Double> valAucs = new ArrayList<>();
    List<List<Double>> valParts = new ArrayList<>();
    int[] valLabels = val.stream().mapToInt(Pair::label).toArray();
    long loopStart = System.nanoTime();
    ModelWeights last;
    try (var session = new CalibrationSession(spec, initial, lr)) {
      for (int epoch = 1; epoch <= epochs && epoch - bestEpoch <= patience; epoch++) {
        int[] order = bucket ? bucketed(train, batch, seed, epoch) : shuffle(train.size(), seed, epoch);
        long start = System.nanoTime();
        double lossSum = 0;
        for (int from = 0; from < train.size(); from += batch) {
          List<Pair> b = new ArrayList<>(batch);
          for (int i = from; i < Math.min(train.size(), from + batch); i++) {
            b.add(train.get(order[i]));
          }
          float loss = session.step(b);
          if (!Float.isFinite(loss)) {
            throw new IllegalStateException("diverged in epoch " + epoch);
          }
          lossSum += loss * b.size();
        }
        epochSeconds.add((System.nanoTime() - start) / 1e9);
        float[] d = session.distances(val);
        double auc = BinaryMetrics.rocAuc(d, valLabels);
        valAucs.add(round(auc));
        // Per part: English, script typos, script variations (the pairs are in that order within val).
        List<Double> parts = new ArrayList<>();
        parts.add(round(BinaryMetrics.rocAuc(Arrays.copyOfRange(d, 0, englishVal.size()),
            Arrays.copyOfRange(valLabels, 0, englishVal.size()))));
        for (String group : List.of(CalibrationData.TYPO, CalibrationData.VARIATION)) {
          List<Integer> idx = new ArrayList<>();
          for (int i = 0; i < scriptVal.size(); i++) {
            if (scriptVal.get(i).kind().startsWith(group + "/")) {
              idx.add(englishVal.size() + i);
            }
          }
          float[] dd = new float[idx.size()];
          int[] ll = new int[idx.size()];
          for (int i = 0; i < dd.length; i++) {
            dd[i] = d[idx.get(i)];
            ll[i] = valLabels[idx.get(i)];
          }
          parts.add(dd.length == 0 ? Double.NaN : round(BinaryMetrics.rocAuc(dd, ll)));
        }
        valParts.add(parts);
        System.err.printf(Locale.ROOT, "%s epoch %d loss %.4f val_auc %.4f %s %.1fs%n",
            spec.encoding().describe(),
            epoch, lossSum / train.size(), auc, parts, epochSeconds.get(epochSeconds.size() - 1));
        if (auc > bestAuc) {
          bestAuc = auc;
          bestEpoch = epoch;
          best = session.weights();
        }
      }
      last = session.weights();
    }
    result.put("loopSeconds", round((System.nanoTime() - loopStart) / 1e9));
    result.put("epochsRun", epochSeconds.size());
    result.put("bestEpoch", bestEpoch);
    result.put("medianEpochSeconds", round(median(epochSeconds)));
    result.put("valAucs", valAucs);
    result.put("valPartAucs", valParts);
    result.put("valAuc", round(bestAuc));

    result.put("data", trainFile != null ? trainFile : "generated");
    evaluate(result, spec, best, lr, englishVal, scriptVal, heldFile);
    var atLast = new LinkedHashMap<String, Object>();
    evaluate(atLast, spec, last, lr, englishVal, scriptVal, heldFile);
    result.put("lastEpoch", atLast);
    result.put("weightStats", Map.of("best", stats(best), "last", stats(last)));

    if (speed) {
      result.put("speed", speed(spec, best, lr));
    }
    System.err.println(Json.writeCompact(result));
    return result;
  }

  private static void evaluate(Map<String, Object> result, ModelSpec spec, ModelWeights weights, double lr,
      List<Pair> englishVal, List<KindedPair> scriptVal, List<KindedPair> heldFile) {
    try (var session = new CalibrationSession(spec, weights, lr)) {
      result.put("englishValAuc", auc(session, englishVal));
      result.put("scriptValAuc", auc(session, scriptVal.stream().map(KindedPair::pair).toList()));
      if (heldFile != null) {
        // Tags are group/kind/script: typo AUC per script, and every kind's AUC over all scripts.
        result.put("typoAuc", byGroup(session,
            heldFile.stream().filter(k -> k.kind().startsWith(CalibrationData.TYPO + "/")).toList(),
            k -> k.kind().substring(k.kind().lastIndexOf('/') + 1)));
        result.put("kindAuc", byGroup(session, heldFile, k -> k.kind().split("/")[1]));
        result.put("hardVariationsAuc", byGroup(session, HardVariations.load(), KindedPair::kind));
        return;
      }
      List<KindedPair> heldTypos = new ArrayList<>();
      var random = new SplittableRandom(1001);
      for (Script s : Script.values()) {
        heldTypos.addAll(CalibrationData.typos(s, 400, random.split()));
      }
      heldTypos.addAll(CalibrationData.rareHanTypos(400, new SplittableRandom(1003)));
      result.put("typoAuc", byGroup(session, heldTypos, k -> k.kind().substring(k.kind().lastIndexOf('/') + 1)));
      List<KindedPair> heldVariations = new ArrayList<>();
      var vr = new SplittableRandom(1002);
      for (Script s : Script.values()) {
        for (String kind : CalibrationData.VARIATION_KINDS) {
          if (CalibrationData.applies(kind, s)) {
            heldVariations.addAll(CalibrationData.variations(s, kind, 200, vr.split()));
          }
        }
      }
      result.put("variationAuc", byGroup(session, heldVariations, k -> k.kind().split("/")[1]));
      result.put("hardVariationsAuc", byGroup(session, HardVariations.load(), KindedPair::kind));
    }
  }

  private static final java.util.Set<String> TYPO_KINDS =
      java.util.Set.of("deletion", "insertion", "substitution", "transposition", "doubling");

  /**
   * A pairs file with kind and script columns, as data10's TaggedPairFiles writes it (TSV, header
   * {@code left right label kind script}); each pair tagged {@code typo|variation/kind/script}.
   */
  static List<KindedPair> readTagged(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!lines.get(0).equals("left\tright\tlabel\tkind\tscript")) {
      throw new IllegalArgumentException(file + ": expected the header left, right, label, kind, script (TSV)");
    }
    List<KindedPair> out = new ArrayList<>(lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      String group = TYPO_KINDS.contains(f[3]) ? CalibrationData.TYPO : CalibrationData.VARIATION;
      out.add(new KindedPair(new Pair(f[0], f[1], Integer.parseInt(f[2])), group + "/" + f[3] + "/" + f[4]));
    }
    return out;
  }

  /** RMS and largest magnitude of the table (if any) and of the LSTM kernel: do the inputs grow? */
  private static Map<String, Object> stats(ModelWeights w) {
    var out = new LinkedHashMap<String, Object>();
    for (int i = 0; i < w.encoder().size(); i++) {
      out.put("table" + i, rmsMax(w.encoder().get(i)));
    }
    out.put("kernel", rmsMax(w.lstm().kernel()));
    out.put("recurrent", rmsMax(w.lstm().recurrentKernel()));
    return out;
  }

  private static List<Double> rmsMax(float[] a) {
    double sum = 0;
    double max = 0;
    for (float v : a) {
      sum += v * v;
      max = Math.max(max, Math.abs(v));
    }
    return List.of(round(Math.sqrt(sum / a.length)), round(max));
  }

  /** Model AUC and normalised Damerau-Levenshtein AUC per group of pairs, and over all. */
  private static Map<String, Object> byGroup(
      CalibrationSession session, List<KindedPair> pairs, Function<KindedPair, String> group) {
    Map<String, List<KindedPair>> groups = new TreeMap<>();
    for (KindedPair k : pairs) {
      groups.computeIfAbsent(group.apply(k), g -> new ArrayList<>()).add(k);
    }
    groups.put("all", pairs);
    var out = new LinkedHashMap<String, Object>();
    groups.forEach((g, list) -> {
      List<Pair> ps = list.stream().map(KindedPair::pair).toList();
      int[] labels = ps.stream().mapToInt(Pair::label).toArray();
      double model = BinaryMetrics.rocAuc(session.distances(ps), labels);
      double dl = BinaryMetrics.rocAuc(EditDistanceBaseline.asDistances(ps.stream().map(Pair::left).toList(),
          ps.stream().map(Pair::right).toList(), EditDistanceBaseline.Kind.DAMERAU), labels);
      out.put(g, List.of(round(model), round(dl)));
    });
    return out;
  }

  private static double auc(CalibrationSession session, List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return Double.NaN;
    }
    return round(BinaryMetrics.rocAuc(session.distances(pairs), pairs.stream().mapToInt(Pair::label).toArray()));
  }

  /** Training pairs/s at batch 1 and 256, and the scoring of an export through SimilarityModel. */
  private static Map<String, Object> speed(ModelSpec spec, ModelWeights weights, double lr) throws IOException {
    var out = new LinkedHashMap<String, Object>();
    List<KindedPair> mixed = CalibrationData.mixed(300, 60, 99);
    List<Pair> pairs = new ArrayList<>(DefaultDataset.defaultPairs().subList(0, 8000));
    mixed.forEach(k -> pairs.add(k.pair()));
    java.util.Collections.shuffle(pairs, new java.util.Random(5));
    try (var session = new CalibrationSession(spec, weights, lr)) {
      for (int b : new int[] {1, 256}) {
        int steps = b == 1 ? 400 : 20;
        List<Double> rates = new ArrayList<>();
        int next = 0;
        for (int rep = 0; rep <= 3; rep++) {
          long start = System.nanoTime();
          for (int s = 0; s < steps; s++, next++) {
            int from = (next * b) % (pairs.size() - b);
            session.step(pairs.subList(from, from + b));
          }
          double rate = (double) b * steps / ((System.nanoTime() - start) / 1e9);
          if (rep > 0) { // the first repetition warms up
            rates.add(round(rate));
          }
        }
        out.put("trainPairsPerSecondBatch" + b, median(rates));
      }
    }
    Path dir = Files.createTempDirectory("calibration-export");
    try {
      PrototypeExport.export(dir.resolve("model"), spec, weights);
      Map<String, Object> serve = JavaBench.serve(dir.resolve("model"), pairs, 2000, 20, 1024, 3);
      out.put("p50Ms", median(doubles(serve.get("p50Ms"))));
      out.put("p99Ms", median(doubles(serve.get("p99Ms"))));
      out.put("batch1024PairsPerSecond", median(doubles(serve.get("batchPairsPerSecond"))));
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Double> doubles(Object o) {
    return (List<Double>) o;
  }

  /** Pairs per bucketing window, in batches. */
  static final int BUCKET_WINDOW_BATCHES = 50;

  /**
   * Length-bucketed order: the epoch's shuffle, cut into windows of {@value #BUCKET_WINDOW_BATCHES} batches,
   * each window sorted by its pairs' longer side, then the batches of all windows shuffled. The fused LSTM
   * runs every row of a batch to the batch's longest string, so a batch of similar lengths pads far less
   * (on data10's multi-script set at batch 128: 24 instead of 93 padded code points per pair).
   */
  static int[] bucketed(List<Pair> pairs, int batch, long seed, int epoch) {
    int[] order = shuffle(pairs.size(), seed, epoch);
    Integer[] boxed = new Integer[order.length];
    for (int i = 0; i < order.length; i++) {
      boxed[i] = order[i];
    }
    int window = batch * BUCKET_WINDOW_BATCHES;
    for (int from = 0; from < boxed.length; from += window) {
      Arrays.sort(boxed, from, Math.min(boxed.length, from + window),
          java.util.Comparator.comparingInt(
              i -> Math.max(pairs.get(i).left().length(), pairs.get(i).right().length())));
    }
    // Whole batches in shuffled order; a short last batch stays last, so the loop's slices stay aligned.
    int full = boxed.length / batch;
    int[] batchOrder = shuffle(full, seed ^ 0x5BD1E995L, epoch);
    int[] out = new int[boxed.length];
    int k = 0;
    for (int b : batchOrder) {
      for (int i = b * batch; i < (b + 1) * batch; i++) {
        out[k++] = boxed[i];
      }
    }
    for (int i = full * batch; i < boxed.length; i++) {
      out[k++] = boxed[i];
    }
    return out;
  }

  /** The Trainer's shuffle: Fisher-Yates seeded by (seed, epoch). */
  static int[] shuffle(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}
