package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.siameseangular.data.EmbeddedTrainingSet;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairData;
import org.siameseangular.data.PairFiles;
import org.siameseangular.data.PublicApi;
import org.siameseangular.data.UserException;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.io.AtomicDirectory;
import org.siameseangular.model.ModelException;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.Checkpoint;
import org.siameseangular.train.CheckpointWriter;
import org.siameseangular.train.DivergenceException;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.train.Trainer;
import org.siameseangular.train.TrainingListener;
import org.siameseangular.train.TrainingResult;
import org.siameseangular.train.WarmUp;

/**
 * One training run from its start to the exported model: "train -> export -> report".
 *
 * <p>A run starts {@link #fresh} (Keras-initialised weights), from a model's weights ({@link
 * #initFrom}) or where a checkpoint left off ({@link #resume}); the factories load the data and
 * check them, so {@link #run} only trains. While it trains, a checkpoint is written into {@link
 * #checkpointDir()} at each epoch end. A finished run exports the kept weights with their metadata
 * and report to {@link #out()} in one atomic swap and deletes the checkpoint; an interrupted run
 * writes a last checkpoint and leaves the model at {@code out} as it was.
 */
@PublicApi
public final class TrainingRun {
  /** How the embedded dataset is named as a run's source (in the metadata and the report). */
  public static final String EMBEDDED_SOURCE = "embedded: ";

  private final TrainConfig config;
  private final Path data;
  private final Path out;
  private final Path checkpointDir;
  private final TrainState start;
  private final Loaded loaded;
  private final WarmUp warmUp;

  private TrainingRun(
      TrainConfig config,
      Path data,
      Path out,
      Path checkpointDir,
      TrainState start,
      Loaded loaded,
      WarmUp warmUp) {
    this.config = config;
    this.data = data;
    this.out = out;
    this.checkpointDir = checkpointDir;
    this.start = start;
    this.loaded = loaded;
    this.warmUp = warmUp;
  }

  /**
   * A run from Keras-initialised weights (and, for the hashed encoding, a uniform code-point table)
   * seeded with the config's seed.
   *
   * @param data a pairs file, or null for the embedded dataset
   * @param out where the model goes; the checkpoint goes beside it ({@code <out>.checkpoint})
   */
  public static TrainingRun fresh(TrainConfig config, Path data, Path out) throws IOException {
    checkOutputs(out, checkpointBeside(out));
    WarmUp warmUp = WarmUp.start(config);
    Loaded loaded = Loaded.from(data, warmUp);
    ModelWeights initial = KerasInitializers.model(config.spec(), config.seed());
    return new TrainingRun(
        config, data, out, checkpointBeside(out), TrainState.start(initial), loaded, warmUp);
  }

  /**
   * A run from the weights of a SavedModel (a Java or a Keras export), with the model's encoding
   * and pooling.
   *
   * @param unitsFromModel true to take the size from the model (the config's units are replaced);
   *     false to require the config's units of it
   */
  public static TrainingRun initFrom(
      TrainConfig config, Path data, Path out, Path model, boolean unitsFromModel)
      throws IOException {
    return initFrom(config, data, out, model, new FromModel(unitsFromModel, true, true));
  }

  /**
   * Which parts of its shape a run started from a model takes from the model; a part not taken from
   * it is the config's, and the model must have it.
   *
   * @param units the LSTM units
   * @param encoding the input encoding
   * @param pooling the pooling
   */
  public record FromModel(boolean units, boolean encoding, boolean pooling) {}

  /**
   * A run from the weights of a SavedModel (a Java or a Keras export). The model's shape (its
   * encoding, units, pooling and clip) replaces the config's.
   *
   * @param fromModel which parts may come from the model; the others must equal the config's
   * @throws ModelException when the model cannot be read, or differs from what is required
   */
  public static TrainingRun initFrom(
      TrainConfig config, Path data, Path out, Path model, FromModel fromModel) throws IOException {
    checkOutputs(out, checkpointBeside(out));
    WeightsReader.Model read = WeightsReader.read(model);
    ModelSpec spec = read.spec();
    if (!fromModel.units() && spec.units() != config.spec().units()) {
      throw new ModelException(
          "the model at "
              + model
              + " has "
              + spec.units()
              + " LSTM units; the run asks for "
              + config.spec().units());
    }
    if (!fromModel.encoding() && !spec.encoding().equals(config.spec().encoding())) {
      throw new ModelException(
          "the model at "
              + model
              + " encodes code points as "
              + spec.encoding().describe()
              + "; the run asks for "
              + config.spec().encoding().describe());
    }
    if (!fromModel.pooling() && spec.pooling() != config.spec().pooling()) {
      throw new ModelException(
          "the model at "
              + model
              + " pools its LSTM steps by "
              + spec.pooling().id()
              + "; the run asks for "
              + config.spec().pooling().id()
              + " (its weights fit either: only the embedding differs; give --pooling "
              + spec.pooling().id()
              + " or leave --pooling out to keep the model's)");
    }
    WarmUp warmUp = WarmUp.start(config.withSpec(spec));
    return new TrainingRun(
        config.withSpec(spec),
        data,
        out,
        checkpointBeside(out),
        TrainState.start(read.weights()),
        Loaded.from(data, warmUp),
        warmUp);
  }

  /**
   * The run whose checkpoint is in {@code checkpointDir}, with its settings, data and output.
   *
   * @throws UserException when the checkpoint cannot be read or the data changed since
   */
  public static TrainingRun resume(Path checkpointDir) throws IOException {
    return resume(checkpointDir, null);
  }

  /**
   * As {@link #resume(Path)}, writing the model to {@code out} instead of the checkpoint's output
   * when it is not null; later checkpoints of the run record it.
   */
  public static TrainingRun resume(Path checkpointDir, Path out) throws IOException {
    Checkpoint checkpoint = Checkpoint.read(checkpointDir);
    Path target = out != null ? out : Path.of(checkpoint.out());
    checkOutputs(target, checkpointDir);
    Path data = checkpoint.dataSource() == null ? null : Path.of(checkpoint.dataSource());
    WarmUp warmUp = WarmUp.start(checkpoint.config());
    Loaded loaded = Loaded.from(data, warmUp);
    if (Checkpoint.fingerprint(loaded.pairs()) != checkpoint.dataFingerprint()) {
      warmUp.await();
      throw new UserException(
          "the data has changed since the checkpoint in "
              + checkpointDir
              + " was written ("
              + loaded.source()
              + "); resuming needs the same pairs");
    }
    return new TrainingRun(
        checkpoint.config(), data, target, checkpointDir, checkpoint.state(), loaded, warmUp);
  }

  public TrainConfig config() {
    return config;
  }

  /** The training and validation pairs, in file order. */
  public List<Pair> pairs() {
    return loaded.pairs();
  }

  /** Where the pairs came from, in words (a path, or the embedded dataset's description). */
  public String source() {
    return loaded.source();
  }

  /** Blank lines skipped in the pairs file. */
  public int blankLinesSkipped() {
    return loaded.blankLinesSkipped();
  }

  /** Where the run starts: epoch 0, step 0 unless resumed. */
  public TrainState start() {
    return start;
  }

  public Path out() {
    return out;
  }

  public Path checkpointDir() {
    return checkpointDir;
  }

  /** How a run ended. */
  public sealed interface Outcome permits Finished, Interrupted {}

  /**
   * The model, its metadata and report were written to {@code model}.
   *
   * @param best the kept epoch's metrics
   * @param epochs epochs run
   * @param seconds wall-clock time of the training
   * @param threshold the validation metrics at the threshold stored with the model (best F1)
   * @param validationPairs how many validation pairs the threshold was chosen on
   */
  public record Finished(
      Path model,
      EpochMetrics best,
      int epochs,
      double seconds,
      ThresholdStats threshold,
      int validationPairs)
      implements Outcome {}

  /**
   * A stop was requested: {@code last} was written to {@code checkpoint}.
   *
   * @param modelExists whether a model (an older one: this run wrote none) is at the output path
   */
  public record Interrupted(TrainState last, Path checkpoint, boolean modelExists)
      implements Outcome {}

  /**
   * Trains, then exports or checkpoints.
   *
   * @param listeners progress and the like; the checkpoint writer is added after them
   * @param stopRequested polled after each step; true ends the run with a checkpoint
   * @param checkpointEverySteps also checkpoint every this many steps; 0 = at epoch ends only
   * @throws DivergenceException when training diverges; its message then says where the last
   *     checkpoint is
   */
  public Outcome run(
      List<TrainingListener> listeners, BooleanSupplier stopRequested, int checkpointEverySteps)
      throws IOException {
    long fingerprint = Checkpoint.fingerprint(loaded.pairs());
    String dataSource = data == null ? null : data.toString();
    var checkpoints =
        new CheckpointWriter(
            state -> new Checkpoint(config, dataSource, fingerprint, out.toString(), state),
            checkpointDir);
    List<TrainingListener> all = new ArrayList<>(listeners);
    all.add(checkpoints);
    warmUp.await();
    long started = System.nanoTime();
    TrainingResult result;
    try {
      result =
          new Trainer(config, all, stopRequested, checkpointEverySteps)
              .train(loaded.pairs(), start);
    } catch (DivergenceException e) {
      String where =
          Files.exists(checkpointDir)
              ? " The last checkpoint, from before the failing epoch, is in " + checkpointDir + "."
              : "";
      throw new DivergenceException(e.getMessage() + where, e.epoch(), e.step());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (result.interrupted()) {
      checkpoints.write(result.last());
      return new Interrupted(result.last(), checkpointDir, Files.exists(out));
    }
    ThresholdStats threshold;
    try {
      threshold =
          TrainedModelExport.write(out, config, loaded.source(), result, seconds, data == null);
    } catch (IOException | UserException e) {
      // The last epoch's checkpoint holds the trained state: keep it, and say how to use it.
      String why =
          e instanceof UserException
              ? e.getMessage()
              : "cannot write the model to " + out + ": " + e;
      throw new UserException(
          why
              + ". The trained state is in "
              + checkpointDir
              + ": fix this and resume with train --resume "
              + checkpointDir
              + " (add --out DIR to write elsewhere)",
          e);
    }
    AtomicDirectory.deleteTree(checkpointDir);
    return new Finished(
        out,
        result.bestMetrics(),
        result.history().size(),
        seconds,
        threshold,
        result.validation().size());
  }

  /**
   * Refuses, before any work, an output the model cannot be written to (see {@link
   * ModelExporter#checkTarget}) and a checkpoint path that is not a directory.
   */
  private static void checkOutputs(Path out, Path checkpointDir) throws IOException {
    ModelExporter.checkTarget(out);
    if (Files.exists(checkpointDir) && !Files.isDirectory(checkpointDir)) {
      throw new UserException(
          "cannot write checkpoints to "
              + checkpointDir
              + ": it exists and is not a directory; move it away or choose another --out");
    }
  }

  /** Where a run writing to {@code out} keeps its checkpoint: {@code <out>.checkpoint}. */
  public static Path checkpointBeside(Path out) {
    return out.resolveSibling(out.getFileName() + ".checkpoint");
  }

  /** The pairs of a file, or of the embedded dataset when {@code data} is null. */
  private record Loaded(List<Pair> pairs, String source, int blankLinesSkipped) {
    /** Loads the data while {@code warmUp} runs; awaits it before reporting a failure. */
    static Loaded from(Path data, WarmUp warmUp) {
      try {
        return from(data);
      } catch (RuntimeException | Error e) {
        warmUp.await();
        throw e;
      }
    }

    static Loaded from(Path data) {
      if (data == null) {
        return new Loaded(
            EmbeddedTrainingSet.pairs(),
            EMBEDDED_SOURCE + EmbeddedTrainingSet.sourceDescription(),
            0);
      }
      PairData read = PairFiles.read(data);
      return new Loaded(read.pairs(), data.toString(), read.blankLinesSkipped());
    }
  }
}
