package org.siameseangular.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;

/**
 * The first SGD steps of training on consecutive batches (no shuffle, no validation), recorded for
 * the Keras training-parity check in python-export/: initial weights, each batch with the loss
 * computed before its update and the weights after it, and the final weights.
 */
public final class ParityTrace {
  private ParityTrace() {}

  public static Map<String, Object> run(
      ModelSpec spec,
      List<Pair> pairs,
      int steps,
      int batchSize,
      ModelWeights initial,
      long seed,
      double learningRate) {
    if ((long) steps * batchSize > pairs.size()) {
      throw new IllegalArgumentException(
          steps
              + " steps of "
              + batchSize
              + " need "
              + (long) steps * batchSize
              + " pairs; the file has "
              + pairs.size());
    }
    var config =
        TrainConfig.defaults()
            .withSpec(spec)
            .withOptimizer(Optimizer.SGD)
            .withLearningRate(learningRate)
            .withEpochs(1)
            .withBatchSize(batchSize)
            .withSeed(seed)
            .withPatience(0)
            .withSchedule(LearningRateSchedule.CONSTANT);
    var trace = new LinkedHashMap<String, Object>();
    // The metadata's spec keys (docs/encoding-calibration.md, the trace tool's output).
    trace.put("units", spec.units());
    trace.put("encoding", spec.encoding().kind());
    if (spec.encoding() instanceof InputEncoding.Table h) {
      trace.put("hashModuli", h.moduli());
      trace.put("embeddingDimension", h.dimension());
    } else {
      trace.put("inputCenter", (double) spec.inputCenter());
      trace.put("inputScale", (double) spec.inputScale());
    }
    trace.put("clipEpsilon", (double) spec.clipEpsilon());
    trace.put("pooling", spec.pooling().id());
    trace.put("learningRate", learningRate);
    trace.put("batchSize", batchSize);
    trace.put("initialWeights", weightsJson(initial));
    List<Object> records = new ArrayList<>();
    try (var session = new TrainingSession(config, initial, OptimizerState.fresh(), 0)) {
      for (int s = 0; s < steps; s++) {
        List<Pair> batch = pairs.subList(s * batchSize, (s + 1) * batchSize);
        StepResult r = session.step(batch);
        var rec = new LinkedHashMap<String, Object>();
        rec.put("left", batch.stream().map(Pair::left).toList());
        rec.put("right", batch.stream().map(Pair::right).toList());
        rec.put("label", batch.stream().map(Pair::label).toList());
        rec.put("loss", (double) r.loss());
        rec.put("weights", weightsJson(session.weights()));
        records.add(rec);
      }
      trace.put("steps", records);
      trace.put("finalWeights", weightsJson(session.weights()));
    }
    return trace;
  }

  private static Map<String, Object> weightsJson(ModelWeights weights) {
    LstmWeights w = weights.lstm();
    int u = w.units();
    var m = new LinkedHashMap<String, Object>();
    m.put("kernel", rows(w.kernel(), 4 * u));
    m.put("recurrent_kernel", rows(w.recurrentKernel(), 4 * u));
    m.put("bias", floats(w.bias(), 0, 4 * u));
    if (weights.embeddings() != null) {
      int d = w.inputSize();
      m.put("embeddings", rows(weights.embeddings(), d));
    }
    return m;
  }

  /** A row-major matrix as its rows of {@code width} values. */
  private static List<Object> rows(float[] values, int width) {
    List<Object> rows = new ArrayList<>();
    for (int from = 0; from < values.length; from += width) {
      rows.add(floats(values, from, width));
    }
    return rows;
  }

  private static List<Double> floats(float[] values, int from, int count) {
    List<Double> out = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      out.add((double) values[i]);
    }
    return out;
  }
}
