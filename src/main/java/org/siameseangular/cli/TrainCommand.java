package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.Pooling;
import org.siameseangular.io.Decimals;
import org.siameseangular.train.DivergenceException;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.LearningRateSchedule;
import org.siameseangular.train.Optimizer;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainState;
import org.siameseangular.workflow.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train the siamese LSTM and export it as a SavedModel.",
      "With no --data it trains on the embedded dataset (40,000 multi-script name pairs and"
          + " 16,000 English word / typo pairs)."
    })
final class TrainCommand implements Callable<Integer> {
  static final Path DEFAULT_OUT = Path.of("models", "siamese-lstm");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "Pairs file, .csv or .tsv, with the header left,right,label; label 1 = similar pair"
              + " (distance should be near 0), 0 = dissimilar (near 1). Default: the embedded"
              + " dataset.")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the model (default: ${DEFAULT-VALUE}).")
  Path out = DEFAULT_OUT;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Most epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainConfig.DEFAULT_EPOCHS;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Pairs per step (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainConfig.DEFAULT_BATCH_SIZE;

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|adam",
      description = "sgd or adam (default: adam).")
  String optimizer = TrainConfig.DEFAULT_OPTIMIZER.id();

  @Option(
      names = "--learning-rate",
      paramLabel = "X",
      description =
          "Step size (default: 0.01 for adam and for sgd, whether --optimizer is given or"
              + " not; Keras's own adam default is 0.001).")
  Double learningRate;

  @Option(
      names = "--units",
      paramLabel = "N",
      description =
          "LSTM units (default: ${DEFAULT-VALUE}, or the --init-from model's; the Keras original"
              + " uses 10).")
  int units = ModelSpec.DEFAULT_UNITS;

  @Option(
      names = "--encoding",
      paramLabel = "folded|hashed|scalar",
      description =
          "How code points enter the LSTM: folded (a learned code-point embedding of each"
              + " character's lower-case base letter, romanised, plus Hangul jamo and a small"
              + " per-character part; every script), hashed (a learned code-point embedding) or"
              + " scalar ((c - 96) / 32, the Keras original's; lower-case ASCII only) (default:"
              + " ${DEFAULT-VALUE}, or the --init-from model's).")
  String encoding = InputEncoding.Folded.KIND;

  @Option(
      names = "--pooling",
      paramLabel = "windows|words|mean-bag|last",
      description =
          "How the LSTM's steps become the embedding: windows (for each letter, the LSTM reads"
              + " the last 3 letters of its word up to it; the mean of those outputs beside the"
              + " mean of the letters' inputs; word order does not matter, spaces and punctuation"
              + " only split words), words (the same with the LSTM reading each whole word),"
              + " mean-bag (the mean of the LSTM's outputs beside the mean of"
              + " its inputs over the string's characters; units + features per code point"
              + " values) or last (the LSTM's state after the last character, the Keras"
              + " original's; units values) (default: windows for folded and hashed, last for"
              + " scalar, or the --init-from model's).")
  String pooling;

  @Option(
      names = "--hash-moduli",
      paramLabel = "M,M",
      split = ",",
      description =
          "folded, hashed: pairwise coprime moduli whose product exceeds 1114111; the hashed"
              + " rows of the table are their sum (default: 1031,1087).")
  List<Integer> hashModuli = InputEncoding.Hashed.DEFAULT_MODULI;

  @Option(
      names = "--embedding-dimension",
      paramLabel = "N",
      description = "folded, hashed: features per code point (default: 16 folded, 8 hashed).")
  Integer embeddingDimension;

  @Option(
      names = "--lr-schedule",
      paramLabel = "cosine|constant",
      description =
          "cosine: the learning rate decays along a cosine to 5 %% of --learning-rate by the last"
              + " step of --epochs (Keras's CosineDecay, alpha 0.05); constant: the same rate"
              + " throughout (default: ${DEFAULT-VALUE}).")
  String lrSchedule = TrainConfig.DEFAULT_SCHEDULE.id();

  @Option(
      names = "--length-buckets",
      negatable = true,
      description =
          "Group pairs of similar length into batches (less padding, several times faster on"
              + " names); --no-length-buckets for plain shuffled batches (default: on).")
  boolean lengthBuckets = TrainConfig.DEFAULT_LENGTH_BUCKETS;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed for initial weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = TrainConfig.DEFAULT_SEED;

  @Option(
      names = "--validation-split",
      paramLabel = "F",
      description = "Fraction of pairs, from the end, for validation (default: ${DEFAULT-VALUE}).")
  double validationSplit = TrainConfig.DEFAULT_VALIDATION_SPLIT;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description =
          "Stop after this many epochs without a better val_auc; 0 = never (default:"
              + " ${DEFAULT-VALUE}).")
  int patience = TrainConfig.DEFAULT_PATIENCE;

  @Option(
      names = "--init-from",
      paramLabel = "DIR",
      description = "Start from the weights of a SavedModel (Java or Keras export).")
  Path initFrom;

  @Option(names = "--quiet", description = "No progress or epoch lines on stderr.")
  boolean quiet;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue an interrupted run from its checkpoint directory: settings and data come from"
              + " it; the model goes to its --out unless --out is given.")
  Path resume;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "STEPS",
      description =
          "Also write a checkpoint every this many steps; 0 = at each epoch end only (default:"
              + " ${DEFAULT-VALUE}).")
  int checkpointEvery = 0;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast(spec, "--checkpoint-every", checkpointEvery, 0);
    PrintStream err = System.err;
    TrainingRun run;
    if (resume != null) {
      refuseSettingsWithResume();
      run = TrainingRun.resume(resume, given("--out") ? out : null);
    } else if (initFrom != null) {
      // Without --units, the size comes from the model we start from.
      // Likewise the encoding, unless one of its options is given, and the pooling.
      boolean encodingGiven =
          Stream.of("--encoding", "--hash-moduli", "--embedding-dimension").anyMatch(this::given);
      run =
          TrainingRun.initFrom(
              config(),
              data,
              out,
              initFrom,
              new TrainingRun.FromModel(!given("--units"), !encodingGiven, !given("--pooling")));
    } else {
      run = TrainingRun.fresh(config(), data, out);
    }
    if (!quiet && resume == null && Files.isDirectory(run.checkpointDir())) {
      err.println(
          "note: "
              + run.checkpointDir()
              + " holds the checkpoint of an earlier run; this run replaces it at its first"
              + " epoch end (resume that run instead with: "
              + resumeCommand(run.checkpointDir())
              + ")");
    }
    if (!quiet) {
      if (run.blankLinesSkipped() > 0) {
        err.println("skipped " + run.blankLinesSkipped() + " blank lines in " + run.source());
      }
      TrainConfig c = run.config();
      TrainState start = run.start();
      err.printf(
          Locale.ROOT,
          "training on %d pairs (%s), %s, %s, units %d, pooling %s, batch %d, lr %s%s%n",
          run.pairs().size(),
          run.source(),
          c.spec().encoding().describe(),
          c.optimizer().id(),
          c.spec().units(),
          c.spec().pooling().id(),
          c.batchSize(),
          Decimals.format(c.learningRate()),
          start.epochsDone() + start.stepInEpoch() > 0
              ? ", resuming after epoch " + start.epochsDone() + " step " + start.stepInEpoch()
              : "");
    }
    var progress = new ProgressBar(err, quiet, NativeLogs.stderrIsTerminal());
    // Everything up to the last line printed happens inside the StopSignal: once it is closed, a
    // pending
    // SIGTERM lets the JVM exit.
    try (var stop = new StopSignal()) {
      TrainingRun.Outcome outcome = run.run(List.of(progress), stop::requested, checkpointEvery);
      if (outcome instanceof TrainingRun.Interrupted i) {
        TrainState last = i.last();
        String where =
            last.stepInEpoch() > 0
                ? "in epoch " + (last.epochsDone() + 1) + " after step " + last.stepInEpoch()
                : "after epoch " + last.epochsDone();
        String model =
            i.modelExists()
                ? "the model at " + run.out() + " was left as it was"
                : "no model was written";
        err.printf(
            Locale.ROOT,
            "interrupted %s: checkpoint written to %s; %s.%nResume with: %s%n",
            where,
            i.checkpoint(),
            model,
            resumeCommand(i.checkpoint()));
        return stop.exit(INTERRUPTED);
      }
      var f = (TrainingRun.Finished) outcome;
      EpochMetrics best = f.best();
      System.out.printf(
          Locale.ROOT,
          "model written to %s: best epoch %d of %d; val_auc %.4f; at the stored threshold %s"
              + " (best F1 on %d validation pairs): val_precision %.4f, val_recall %.4f, val_f1"
              + " %.4f, val_accuracy %.4f; val_loss %.4f (%.1f s)%n",
          f.model(),
          best.epoch(),
          f.epochs(),
          best.valAuc(),
          Decimals.format(f.threshold().threshold()),
          f.validationPairs(),
          f.threshold().precision(),
          f.threshold().recall(),
          f.threshold().f1(),
          f.threshold().accuracy(),
          best.valLoss(),
          f.seconds());
      if (!quiet && f.validationPairs() < Evaluation.MIN_THRESHOLD_PAIRS) {
        err.printf(
            Locale.ROOT,
            "warning: the stored threshold was chosen on only %d validation pairs (fewer than %d):"
                + " it may be far from the best on new data. Give more pairs, or a larger"
                + " --validation-split.%n",
            f.validationPairs(),
            Evaluation.MIN_THRESHOLD_PAIRS);
      }
      return stop.exit(0);
    } catch (DivergenceException e) {
      throw new DivergenceException(
          e.getMessage() + " Options: --learning-rate, --optimizer.", e.epoch(), e.step());
    }
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The command that resumes from {@code checkpoint}, as this program was started. */
  static String resumeCommand(Path checkpoint) {
    return Invocation.launcher() + " train --resume " + Invocation.quote(checkpoint.toString());
  }

  /** The options whose values a checkpoint fixes: giving one with --resume is a usage error. */
  private static final List<String> FIXED_BY_CHECKPOINT =
      List.of(
          "--data",
          "--epochs",
          "--batch-size",
          "--optimizer",
          "--learning-rate",
          "--units",
          "--encoding",
          "--hash-moduli",
          "--embedding-dimension",
          "--pooling",
          "--length-buckets",
          "--lr-schedule",
          "--seed",
          "--validation-split",
          "--patience",
          "--init-from");

  private void refuseSettingsWithResume() {
    List<String> fixed = FIXED_BY_CHECKPOINT.stream().filter(this::given).toList();
    if (!fixed.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--resume continues a run with the settings and data stored in its checkpoint; "
              + String.join(", ", fixed)
              + " cannot"
              + " be given with it (only --out, --checkpoint-every and --quiet can)");
    }
  }

  private InputEncoding encoding() {
    var parsed = spec.commandLine().getParseResult();
    if (encoding.equals(InputEncoding.Scalar.KIND)) {
      for (String hashedOnly : List.of("--hash-moduli", "--embedding-dimension")) {
        if (parsed.hasMatchedOption(hashedOnly)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), hashedOnly + " applies to --encoding folded or hashed only");
        }
      }
      return InputEncoding.Scalar.DEFAULT;
    }
    boolean folded = encoding.equals(InputEncoding.Folded.KIND);
    if (!folded && !encoding.equals(InputEncoding.Hashed.KIND)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--encoding must be folded, hashed or scalar, found '" + encoding + "'");
    }
    try {
      if (folded) {
        return new InputEncoding.Folded(
            hashModuli,
            embeddingDimension == null
                ? InputEncoding.Folded.DEFAULT_DIMENSION
                : embeddingDimension);
      }
      return new InputEncoding.Hashed(
          hashModuli,
          embeddingDimension == null ? InputEncoding.Hashed.DEFAULT_DIMENSION : embeddingDimension);
    } catch (IllegalArgumentException e) {
      String option =
          e.getMessage().contains("dimension") ? "--embedding-dimension" : "--hash-moduli";
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /** The --pooling given, else the default of {@code encoding}. */
  private Pooling pooling(InputEncoding encoding) {
    if (pooling == null) {
      return ModelSpec.defaultPooling(encoding);
    }
    try {
      return Pooling.parse(pooling);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--pooling must be windows, words, mean-bag or last, found '" + pooling + "'");
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
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--optimizer: " + e.getMessage());
    }
    double lr = learningRate != null ? learningRate : opt.defaultLearningRate();
    Checks.positive(spec, "--learning-rate", lr);
    LearningRateSchedule schedule;
    try {
      schedule = LearningRateSchedule.of(lrSchedule);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--lr-schedule: " + e.getMessage());
    }
    InputEncoding inputEncoding = encoding();
    return TrainConfig.defaults()
        .withSchedule(schedule)
        .withEncoding(inputEncoding)
        .withPooling(pooling(inputEncoding))
        .withLengthBuckets(lengthBuckets)
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
