package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairData;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.report.EpochMetrics;
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

  @Option(names = "--epochs", description = "Most epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainConfig.DEFAULT_EPOCHS;

  @Option(names = "--batch-size", description = "Pairs per step (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainConfig.DEFAULT_BATCH_SIZE;

  @Option(names = "--optimizer", description = "sgd or adam (default: adam).")
  String optimizer = TrainConfig.DEFAULT_OPTIMIZER.cliName();

  @Option(names = "--learning-rate", description = "Step size (default: 0.01 for the default adam run;"
      + " Keras's default for the optimizer, 0.01 sgd / 0.001 adam, when --optimizer is given).")
  Double learningRate;

  @Option(names = "--units", description = "LSTM units = embedding size (default: ${DEFAULT-VALUE}; the Keras original uses 10).")
  int units = ModelSpec.DEFAULT_UNITS;

  @Option(names = "--seed", description = "Seed for initial weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = TrainConfig.DEFAULT_SEED;

  @Option(names = "--validation-split", description = "Fraction of pairs, from the end, for validation (default: ${DEFAULT-VALUE}).")
  double validationSplit = TrainConfig.DEFAULT_VALIDATION_SPLIT;

  @Option(names = "--patience", description = "Stop after this many epochs without a better val_auc; 0 = never (default: ${DEFAULT-VALUE}).")
  int patience = TrainConfig.DEFAULT_PATIENCE;

  @Option(names = "--init-from", paramLabel = "DIR", description = "Start from the weights of a SavedModel (Java or Keras export).")
  Path initFrom;

  @Option(names = "--quiet", description = "No progress or epoch lines on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = config();
    PrintStream err = System.err;
    List<Pair> pairs;
    String source;
    if (data == null) {
      pairs = DefaultDataset.defaultPairs();
      source = "embedded: " + DefaultDataset.sourceDescription();
    } else {
      PairData read = PairFiles.read(data);
      pairs = read.pairs();
      source = data.toString();
      if (read.blankLinesSkipped() > 0 && !quiet) {
        err.println("skipped " + read.blankLinesSkipped() + " blank lines in " + data);
      }
    }
    LstmWeights initial = initFrom == null
        ? KerasInitializers.lstm(config.spec().units(), config.seed())
        : WeightsReader.read(initFrom, config.spec().units());
    if (!quiet) {
      err.printf(Locale.ROOT, "training on %d pairs (%s), %s, units %d, batch %d, lr %s%n", pairs.size(),
          source, config.optimizer().cliName(), config.spec().units(), config.batchSize(),
          config.learningRate());
    }
    long started = System.nanoTime();
    var progress = new ProgressBar(err, quiet, NativeLogs.stderrIsTerminal());
    TrainingResult result =
        new Trainer(config, progress, () -> false, 0).train(pairs, TrainState.start(initial));
    double seconds = (System.nanoTime() - started) / 1e9;
    EpochMetrics best = result.bestMetrics();
    ModelExporter.export(out, config.spec(), result.weights(), metadata(config, source, result, seconds));
    System.out.printf(Locale.ROOT,
        "model written to %s: best epoch %d of %d, val_auc %.4f, val_accuracy %.4f, val_loss %.4f (%.1f s)%n",
        out, best.epoch(), result.history().size(), best.valAuc(), best.valAccuracy(), best.valLoss(),
        seconds);
    return 0;
  }

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
    return new TrainConfig(ModelSpec.withUnits(units), opt, lr, epochs, batchSize, seed, validationSplit,
        patience);
  }

  private static Map<String, Object> metadata(
      TrainConfig c, String source, TrainingResult r, double seconds) {
    var m = new LinkedHashMap<String, Object>();
    m.put("producer", "siamese-angular train");
    m.put("seed", c.seed());
    m.put("optimizer", c.optimizer().cliName());
    m.put("learningRate", c.learningRate());
    m.put("batchSize", c.batchSize());
    m.put("validationSplit", c.validationSplit());
    m.put("dataset", source);
    m.put("epochsRun", r.history().size());
    m.put("bestEpoch", r.bestEpoch());
    EpochMetrics b = r.bestMetrics();
    m.put("metrics", Map.of("loss", b.loss(), "valLoss", b.valLoss(), "valAccuracy", b.valAccuracy(),
        "valAuc", b.valAuc()));
    m.put("trainingSeconds", seconds);
    return m;
  }
}
