package org.siameseangular.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.AtomicFiles;

import org.siameseangular.report.EpochMetrics;
import org.siameseangular.report.Json;

/**
 * A resumable training run on disk: one JSON file {@code checkpoint.json} in a directory, replaced atomically
 * on each write, holding the configuration, where the data came from (with a fingerprint to detect a changed
 * file), the output path and the full {@link TrainState}. Floats are stored as their exact decimal values, so
 * a resumed run continues bit for bit.
 */
public record Checkpoint(TrainConfig config, String dataSource, long dataFingerprint, String out,
    TrainState state) {

  public static final String FILE = "checkpoint.json";

  /** A fingerprint of the pairs, to refuse resuming on different data. */
  public static long fingerprint(List<Pair> pairs) {
    long h = 1125899906842597L;
    for (Pair p : pairs) {
      h = 31 * h + p.left().hashCode();
      h = 31 * h + p.right().hashCode();
      h = 31 * h + p.label();
    }
    return h;
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    var m = new LinkedHashMap<String, Object>();
    m.put("format", "siamese-angular-checkpoint");
    m.put("version", 1);
    m.put("units", config.spec().units());
    m.put("inputCenter", (double) config.spec().inputCenter());
    m.put("inputScale", (double) config.spec().inputScale());
    m.put("clipEpsilon", (double) config.spec().clipEpsilon());
    m.put("optimizer", config.optimizer().cliName());
    m.put("learningRate", config.learningRate());
    m.put("epochs", config.epochs());
    m.put("batchSize", config.batchSize());
    m.put("seed", Long.toString(config.seed()));
    m.put("validationSplit", config.validationSplit());
    m.put("patience", config.patience());
    m.put("data", dataSource);
    m.put("dataFingerprint", Long.toString(dataFingerprint));
    m.put("out", out);
    m.put("epochsDone", state.epochsDone());
    m.put("stepInEpoch", state.stepInEpoch());
    m.put("weights", weights(state.weights()));
    m.put("iterations", Long.toString(state.optimizer().iterations()));
    List<Object> slots = new ArrayList<>();
    for (float[] s : state.optimizer().slots()) {
      slots.add(floats(s));
    }
    m.put("slots", slots);
    m.put("best", state.best() == null ? null : weights(state.best()));
    m.put("bestEpoch", state.bestEpoch());
    m.put("history", state.history().stream().map(e -> List.of((double) e.epoch(), e.loss(), e.valLoss(),
        e.valAccuracy(), e.valAuc(), e.seconds())).toList());
    m.put("epochLossSum", state.epochLossSum());
    m.put("epochPairs", state.epochPairs());
    m.put("epochSeconds", state.epochSeconds());
    AtomicFiles.writeString(dir.resolve(FILE), Json.writeCompact(m) + "\n");
  }

  /** Reads the checkpoint in {@code dir}; IllegalArgumentException says what is wrong with it. */
  public static Checkpoint read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no checkpoint in " + dir + ": " + FILE + " is missing");
    }
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(text);
      if (!"siamese-angular-checkpoint".equals(m.get("format"))) {
        throw new IllegalArgumentException("not a siamese-angular checkpoint");
      }
      int units = num(m, "units").intValue();
      var spec = new ModelSpec(units, num(m, "inputCenter").floatValue(), num(m, "inputScale").floatValue(),
          num(m, "clipEpsilon").floatValue());
      var config = new TrainConfig(spec, Optimizer.parse((String) m.get("optimizer")),
          num(m, "learningRate").doubleValue(), num(m, "epochs").intValue(), num(m, "batchSize").intValue(),
          Long.parseLong((String) m.get("seed")), num(m, "validationSplit").doubleValue(),
          num(m, "patience").intValue());
      List<?> slotList = (List<?>) m.get("slots");
      float[][] slots = new float[slotList.size()][];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = toFloats((List<?>) slotList.get(i));
      }
      List<EpochMetrics> history = new ArrayList<>();
      for (Object o : (List<?>) m.get("history")) {
        List<?> e = (List<?>) o;
        history.add(new EpochMetrics(((Number) e.get(0)).intValue(), d(e.get(1)), d(e.get(2)), d(e.get(3)),
            d(e.get(4)), d(e.get(5))));
      }
      var state = new TrainState(num(m, "epochsDone").intValue(), num(m, "stepInEpoch").intValue(),
          weights(units, (Map<?, ?>) m.get("weights")),
          new OptimizerState(Long.parseLong((String) m.get("iterations")), slots),
          m.get("best") == null ? null : weights(units, (Map<?, ?>) m.get("best")),
          num(m, "bestEpoch").intValue(), history, d(m.get("epochLossSum")), num(m, "epochPairs").longValue(),
          d(m.get("epochSeconds")));
      return new Checkpoint(config, (String) m.get("data"), Long.parseLong((String) m.get("dataFingerprint")),
          (String) m.get("out"), state);
    } catch (ClassCastException | NullPointerException | NumberFormatException e) {
      throw new IllegalArgumentException(file + " is damaged or from another version: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> weights(LstmWeights w) {
    var m = new LinkedHashMap<String, Object>();
    m.put("kernel", floats(w.kernel()));
    m.put("recurrent_kernel", floats(w.recurrentKernel()));
    m.put("bias", floats(w.bias()));
    return m;
  }

  private static LstmWeights weights(int units, Map<?, ?> m) {
    return new LstmWeights(units, toFloats((List<?>) m.get("kernel")),
        toFloats((List<?>) m.get("recurrent_kernel")), toFloats((List<?>) m.get("bias")));
  }

  private static List<Double> floats(float[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add((double) v);
    }
    return out;
  }

  private static float[] toFloats(List<?> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  private static Number num(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("\"" + key + "\" is missing or not a number");
    }
    return n;
  }

  private static double d(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
