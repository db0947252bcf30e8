package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.eval.ThresholdCalibration;
import org.siameseangular.eval.ThresholdCalibration.Metric;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.eval.WilsonInterval;
import org.siameseangular.workflow.CalibrationRun;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Choose the decision threshold that meets a target precision or recall on labelled pairs"
          + " (left,right,label) and store it with the model, for --threshold auto.",
      "The model's SavedModel files, and so its fingerprint and the indexes built with it, are not"
          + " changed."
    })
final class CalibrateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory; its siamese-angular.json gets the threshold.")
  Path model;

  @CommandLine.Mixin SignatureOptions signature = new SignatureOptions();

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "Labelled pairs, CSV or TSV with the header left,right,label.")
  Path data;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--target-precision",
        paramLabel = "P",
        description =
            "Of the pairs called similar, at least this share must be similar: the highest recall"
                + " that keeps it.")
    Double precision;

    @Option(
        names = "--target-recall",
        paramLabel = "R",
        description =
            "At least this share of the similar pairs must be called similar: the fewest false"
                + " matches that keep it.")
    Double recall;
  }

  @Override
  public Integer call() throws Exception {
    Metric metric = target.precision != null ? Metric.PRECISION : Metric.RECALL;
    double value = target.precision != null ? target.precision : target.recall;
    if (!(value > 0 && value <= 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--target-" + metric.label() + " must be in (0, 1], found " + value);
    }
    CalibrationRun run =
        CalibrationRun.calibrate(model, signature.toLoadOptions(), data, metric, value);
    print(System.out, run);
    System.err.println(
        "threshold stored in "
            + model.resolve("siamese-angular.json")
            + "; score and match use it with --threshold auto");
    return 0;
  }

  static void print(PrintStream out, CalibrationRun run) {
    ThresholdStats s = run.stats();
    out.printf(
        Locale.ROOT,
        "threshold  %.6f  (similar iff distance < threshold; target %s >= %s)%n",
        s.threshold(),
        run.metric().label(),
        run.target());
    out.printf(
        Locale.ROOT,
        "pairs      %d (%d similar, %d dissimilar)%n",
        run.pairs(),
        run.similarPairs(),
        run.pairs() - run.similarPairs());
    out.printf(
        Locale.ROOT,
        "precision  %.4f  95%% interval %s  (%d of %d pairs called similar are similar)%n",
        s.precision(),
        interval(run.precisionInterval()),
        s.tp(),
        s.tp() + s.fp());
    out.printf(
        Locale.ROOT,
        "recall     %.4f  95%% interval %s  (%d of %d similar pairs found)%n",
        s.recall(),
        interval(run.recallInterval()),
        s.tp(),
        s.tp() + s.fn());
    out.printf(Locale.ROOT, "f1         %.4f%n", s.f1());
    if (run.few()) {
      out.printf(
          Locale.ROOT,
          "note: the %s rests on %d pairs, fewer than about %d: the threshold is unreliable, and on"
              + " new pairs the %s may land anywhere in its interval. Calibrate on more labelled"
              + " pairs.%n",
          run.metric().label(),
          run.support(),
          ThresholdCalibration.FEW_PAIRS,
          run.metric().label());
    } else {
      out.printf(
          Locale.ROOT,
          "note: on new pairs like these the %s scatters around its value here by about the"
              + " interval's width.%n",
          run.metric().label());
    }
  }

  private static String interval(WilsonInterval w) {
    return String.format(Locale.ROOT, "[%.4f, %.4f]", w.low(), w.high());
  }
}
