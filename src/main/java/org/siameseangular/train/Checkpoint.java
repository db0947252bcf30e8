package org.siameseangular.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.siameseangular.data.Pair;
import org.siameseangular.data.UserException;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.io.JsonCodec;

/**
 * A resumable training run on disk: one JSON file {@code checkpoint.json} in a directory, replaced
 * atomically on each write, holding the configuration, where the data came from (with a fingerprint
 * to detect a changed file), the output path and the full {@link TrainState}. Floats are written so
 * that they read back bit for bit, so a resumed run continues exactly.
 *
 * <p>The file is {@code {"format": "siamese-angular-checkpoint", "version": 3, "checkpoint":
 * {...this record...}}}; the spec is written as {@link org.siameseangular.graph.SpecFields} (the
 * metadata's keys) and the weights as {@link ModelWeights} (the code-point table, if any, and the
 * LSTM's). Older files are still read, as what they were: version 2 (the LSTM's weights only, the
 * scalar encoding, plain shuffled batches) and version 1 (flat keys, longs as strings, written
 * before the project moved to Jackson records).
 *
 * @param config the run's settings
 * @param dataSource the pairs file, or null for the embedded dataset
 * @param dataFingerprint {@link #fingerprint} of the pairs
 * @param out where the model goes when the run ends
 * @param state where the run stands
 */
public record Checkpoint(
    TrainConfig config, String dataSource, long dataFingerprint, String out, TrainState state) {

  public static final String FILE = "checkpoint.json";

  static final String FORMAT = "siamese-angular-checkpoint";
  static final int VERSION = 3;

  public Checkpoint {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(state, "state");
  }

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

  /** Writes {@code dir/checkpoint.json} atomically, creating {@code dir} if needed. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonCodec.writeCompactFile(dir.resolve(FILE), new FileV3(FORMAT, VERSION, this));
  }

  /**
   * Reads the checkpoint in {@code dir}.
   *
   * @throws UserException when there is none, or saying what is wrong with it
   */
  public static Checkpoint read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserException(
          "no checkpoint in "
              + dir
              + ": "
              + FILE
              + " is missing (--resume takes the <out>.checkpoint directory an interrupted run"
              + " printed)");
    }
    try {
      Header header = JsonCodec.read(text, Header.class);
      if (!FORMAT.equals(header.format())) {
        throw new IllegalArgumentException("not a siamese-angular checkpoint");
      }
      return switch (header.version()) {
        case 1 -> JsonCodec.read(text, FileV1.class).checkpoint();
        case 2 -> JsonCodec.read(text, FileV2.class).checkpoint().current();
        case VERSION -> JsonCodec.read(text, FileV3.class).checkpoint();
        default ->
            throw new IllegalArgumentException(
                "checkpoint version "
                    + header.version()
                    + " is newer than this program reads (1 and "
                    + VERSION
                    + ")");
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new UserException(file + " is damaged or from another version: " + e.getMessage(), e);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Header(String format, int version) {}

  private record FileV3(String format, int version, Checkpoint checkpoint) {}

  /** Version 2: the same layout with the LSTM's weights only (the scalar encoding). */
  private record FileV2(String format, int version, CheckpointV2 checkpoint) {}

  private record CheckpointV2(
      TrainConfig config, String dataSource, long dataFingerprint, String out, StateV2 state) {
    Checkpoint current() {
      return new Checkpoint(config, dataSource, dataFingerprint, out, state.current());
    }
  }

  private record StateV2(
      int epochsDone,
      int stepInEpoch,
      LstmWeights weights,
      OptimizerState optimizer,
      LstmWeights best,
      int bestEpoch,
      List<EpochMetrics> history,
      double epochLossSum,
      long epochPairs,
      double epochSeconds) {
    TrainState current() {
      return new TrainState(
          epochsDone,
          stepInEpoch,
          ModelWeights.of(weights),
          optimizer,
          best == null ? null : ModelWeights.of(best),
          bestEpoch,
          history,
          epochLossSum,
          epochPairs,
          epochSeconds);
    }
  }

  /** Version 1: everything at the top level; seed, fingerprint and iterations as strings. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record FileV1(
      int units,
      float inputCenter,
      float inputScale,
      float clipEpsilon,
      Optimizer optimizer,
      double learningRate,
      int epochs,
      int batchSize,
      long seed,
      double validationSplit,
      int patience,
      String data,
      long dataFingerprint,
      String out,
      int epochsDone,
      int stepInEpoch,
      WeightsV1 weights,
      long iterations,
      float[][] slots,
      WeightsV1 best,
      int bestEpoch,
      List<List<Double>> history,
      double epochLossSum,
      long epochPairs,
      double epochSeconds) {

    Checkpoint checkpoint() {
      var spec = new ModelSpec(units, inputCenter, inputScale, clipEpsilon);
      var config =
          new TrainConfig(
              spec,
              optimizer,
              learningRate,
              epochs,
              batchSize,
              seed,
              validationSplit,
              patience,
              false,
              LearningRateSchedule.CONSTANT);
      List<EpochMetrics> metrics = new ArrayList<>();
      for (List<Double> e : history) {
        metrics.add(
            new EpochMetrics(
                e.get(0).intValue(),
                nan(e.get(1)),
                nan(e.get(2)),
                nan(e.get(3)),
                nan(e.get(4)),
                nan(e.get(5))));
      }
      var state =
          new TrainState(
              epochsDone,
              stepInEpoch,
              weights.of(units),
              new OptimizerState(iterations, slots),
              best == null ? null : best.of(units),
              bestEpoch,
              metrics,
              epochLossSum,
              epochPairs,
              epochSeconds);
      return new Checkpoint(config, data, dataFingerprint, out, state);
    }

    private static double nan(Double d) {
      return d == null ? Double.NaN : d;
    }
  }

  private record WeightsV1(
      float[] kernel, @JsonProperty("recurrent_kernel") float[] recurrentKernel, float[] bias) {
    ModelWeights of(int units) {
      return ModelWeights.of(new LstmWeights(units, kernel, recurrentKernel, bias));
    }
  }
}
