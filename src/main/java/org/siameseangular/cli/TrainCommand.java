package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import org.siameseangular.io.AtomicDirectory;
import org.siameseangular.train.Checkpoint;
import org.siameseangular.train.CheckpointWriter;
import org.siameseangular.train.DivergenceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.model.TrainedModelExport;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairData;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.train.Trainer;
import org.siameseangular.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Train the siamese LSTM and export it as a SavedModel.",
      "With no --data it trains on the embedded dataset (16,000 word / typo pairs)."
    })
final class TrainCommand implements Callable<Integer> {
  static final Path DEFAULT_OUT = Path.of("models", "siamese-lstm");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "FILE",
      description = "Pairs file, CSV or TSV with header left,right,label (default: the embedded dataset).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the model (default: ${DEFAULT-VALUE}).")
  Path out = DEFAULT_OUT;

  @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainConfig.DEFAULT_EPOCHS;

  @Option(names = "--batch-size", paramLabel = "N", description = "Pairs per step (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainConfig.DEFAULT_BATCH_SIZE;

  @Option(names = "--optimizer", paramLabel = "sgd|adam", description = "sgd or adam (default: adam).")
  String optimizer = TrainConfig.DEFAULT_OPTIMIZER.id();

  @Option(names = "--learning-rate", paramLabel = "X", description = "Step size (default: 0.005 for the default adam run;"
      + " Keras's default for the optimizer, 0.01 sgd / 0.001 adam, when --optimizer is given).")
  Double learningRate;

  @Option(names = "--units", paramLabel = "N", description = "LSTM units = embedding size (default: ${DEFAULT-VALUE}, or the --init-from model's; the Keras original uses 10).")
  int units = ModelSpec.DEFAULT_UNITS;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for initial weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = TrainConfig.DEFAULT_SEED;

  @Option(names = "--validation-split", paramLabel = "F", description = "Fraction of pairs, from the end, for validation (default: ${DEFAULT-VALUE}).")
  double validationSplit = TrainConfig.DEFAULT_VALIDATION_SPLIT;

  @Option(names = "--patience", paramLabel = "N", description = "Stop after this many epochs without a better val_auc; 0 = never (default: ${DEFAULT-VALUE}).")
  int patience = TrainConfig.DEFAULT_PATIENCE;

  @Option(names = "--init-from", paramLabel = "DIR", description = "Start from the weights of a SavedModel (Java or Keras export).")
  Path initFrom;

  @Option(names = "--quiet", description = "No progress or epoch lines on stderr.")
  boolean quiet;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue an interrupted run from its checkpoint directory (settings, data and --out come from it).")
  Path resume;

  @Option(names = "--checkpoint-every", paramLabel = "STEPS",
      description = "Also write a checkpoint every this many steps; 0 = at each epoch end only (default: ${DEFAULT-VALUE}).")
  int checkpointEvery = 0;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast(spec, "--checkpoint-every", checkpointEvery, 0);
    PrintStream err = System.err;
    TrainConfig config;
    TrainState start;
    Path checkpointDir;
    if (resume != null) {
      Checkpoint checkpoint = Checkpoint.read(resume);
      config = checkpoint.config();
      data = checkpoint.dataSource() == null ? null : Path.of(checkpoint.dataSource());
      out = Path.of(checkpoint.out());
      start = checkpoint.state();
      checkpointDir = resume;
      Loaded loaded = load(err);
      if (Checkpoint.fingerprint(loaded.pairs) != checkpoint.dataFingerprint()) {
        throw new IllegalArgumentException("the data has changed since the checkpoint in " + resume
            + " was written (" + loaded.source + "); resuming needs the same pairs");
      }
      return train(config, loaded, start, checkpointDir, err);
    }
    LstmWeights initial = null;
    if (initFrom != null) {
      // Without --units, the size comes from the model we start from.
      boolean unitsGiven = spec.commandLine().getParseResult().hasMatchedOption("--units");
      initial = WeightsReader.read(initFrom, unitsGiven ? units : 0);
      units = initial.units();
    }
    config = config();
    Loaded loaded = load(err);
    if (initial == null) {
      initial = KerasInitializers.lstm(config.spec().units(), config.seed());
    }
    start = TrainState.start(initial);
    checkpointDir = out.resolveSibling(out.getFileName() + ".checkpoint");
    return train(config, loaded, start, checkpointDir, err);
  }

  private record Loaded(List<Pair> pairs, String source) {}

  private Loaded load(PrintStream err) {
    if (data == null) {
      return new Loaded(DefaultDataset.defaultPairs(), "embedded: " + DefaultDataset.sourceDescription());
    }
    PairData read = PairFiles.read(data);
    if (read.blankLinesSkipped() > 0 && !quiet) {
      err.println("skipped " + read.blankLinesSkipped() + " blank lines in " + data);
    }
    return new Loaded(read.pairs(), data.toString());
  }

  private int train(TrainConfig config, Loaded loaded, TrainState start, Path checkpointDir, PrintStream err)
      throws Exception {
    List<Pair> pairs = loaded.pairs;
    String source = loaded.source;
    if (!quiet) {
      err.printf(Locale.ROOT, "training on %d pairs (%s), %s, units %d, batch %d, lr %s%s%n", pairs.size(),
          source, config.optimizer().id(), config.spec().units(), config.batchSize(),
          config.learningRate(), start.epochsDone() + start.stepInEpoch() > 0
              ? ", resuming after epoch " + start.epochsDone() + " step " + start.stepInEpoch() : "");
    }
    long fingerprint = Checkpoint.fingerprint(pairs);
    String dataSource = data == null ? null : data.toString();
    var checkpoints = new CheckpointWriter(
        state -> new Checkpoint(config, dataSource, fingerprint, out.toString(), state), checkpointDir);
    var progress = new ProgressBar(err, quiet, NativeLogs.stderrIsTerminal());
    try (var stop = new StopSignal()) {
      long started = System.nanoTime();
      TrainingResult result =
          new Trainer(config, List.of(progress, checkpoints), stop::requested, checkpointEvery).train(pairs, start);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (result.interrupted()) {
        TrainState last = result.last();
        checkpoints.write(last);
        String where = last.stepInEpoch() > 0
            ? "in epoch " + (last.epochsDone() + 1) + " after step " + last.stepInEpoch()
            : "after epoch " + last.epochsDone();
        String model = Files.exists(out) ? "the model at " + out + " was left as it was" : "no model was written";
        err.printf(Locale.ROOT, "interrupted %s: checkpoint written to %s; %s.%n"
            + "Resume with: java -jar target/siamese-angular.jar train --resume %s%n",
            where, checkpointDir, model, checkpointDir);
        return INTERRUPTED;
      }
      EpochMetrics best = result.bestMetrics();
      TrainedModelExport.write(out, config, source, result, seconds, data == null);
      AtomicDirectory.deleteTree(checkpointDir);
      System.out.printf(Locale.ROOT,
          "model written to %s: best epoch %d of %d, val_auc %.4f, val_accuracy %.4f, val_loss %.4f (%.1f s)%n",
          out, best.epoch(), result.history().size(), best.valAuc(), best.valAccuracy(), best.valLoss(),
          seconds);
      return 0;
    } catch (DivergenceException e) {
      throw new DivergenceException(e.getMessage() + (Files.exists(checkpointDir)
          ? " The last checkpoint, from before the failing epoch, is in " + checkpointDir + "." : "")
          + " Options: --learning-rate, --optimizer.",
          e.epoch(), e.step());
    }
  }

  /** The conventional exit code of a process stopped by SIGINT. */
  static final int INTERRUPTED = 130;

  TrainConfig config() {
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--batch-size", batchSize, 1);
    Checks.atLeast(spec, "--units", units, 1);
    Checks.atLeast(spec, "--patience", patience, 0);
    Checks.openUnit(spec, "--validation-split", validationSplit);
    Optimizer opt;
    try {
      opt = Optimizer.parse(optimizer);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--optimizer: " + e.getMessage());
    }
    boolean optimizerGiven = spec.commandLine().getParseResult().hasMatchedOption("--optimizer");
    double lr = learningRate != null ? learningRate
        : optimizerGiven ? opt.defaultLearningRate() : TrainConfig.DEFAULT_LEARNING_RATE;
    Checks.positive(spec, "--learning-rate", lr);
    return TrainConfig.defaults()
        .withUnits(units)
        .withOptimizer(opt)
        .withLearningRate(lr)
        .withEpochs(epochs)
        .withBatchSize(batchSize)
        .withSeed(seed)
        .withValidationSplit(validationSplit)
        .withPatience(patience);
  }
}
