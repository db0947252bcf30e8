package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.workflow.EvaluationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Loss, accuracy, ROC AUC and decision thresholds of a model on labelled pairs, beside plain"
          + " edit distance.",
      "Default data: the embedded dataset's validation split, plus the hard-variations set per"
          + " kind."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory.")
  Path model;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Pairs file, CSV or TSV (default: embedded validation split).")
  Path data;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Also write charts and report.html into DIR.")
  Path report;

  @Override
  public Integer call() throws Exception {
    EvaluationRun run = EvaluationRun.of(model, data);
    if (json) {
      System.out.println(JsonCodec.write(run.evaluation()));
    } else {
      print(System.out, run.evaluation());
    }
    if (report != null) {
      run.writeReport(report);
      System.err.println("report written to " + report.resolve("report.html"));
    }
    return 0;
  }

  static void print(PrintStream out, Evaluation s) {
    out.printf(Locale.ROOT, "pairs      %d%n", s.pairs());
    out.printf(Locale.ROOT, "loss       %.4f%n", s.loss());
    out.printf(Locale.ROOT, "accuracy   %.4f  (distance < 0.5 = similar)%n", s.accuracy());
    out.printf(
        Locale.ROOT,
        "roc_auc    %s%n",
        Double.isNaN(s.rocAuc())
            ? "undefined (only one class present)"
            : String.format(Locale.ROOT, "%.4f", s.rocAuc()));
    out.printf(
        Locale.ROOT,
        "%nthreshold table%n%-12s %9s %9s %9s %9s %9s%n",
        "rule",
        "threshold",
        "precision",
        "recall",
        "f1",
        "accuracy");
    row(out, "best F1", s.bestF1());
    row(out, "Youden J", s.youden());
    row(out, "fixed 0.5", s.atHalf());
    out.printf(
        Locale.ROOT,
        "%nROC AUC beside plain edit distance%n%-22s %8s %12s %9s%n",
        "pairs",
        "model",
        "levenshtein",
        "damerau");
    out.printf(
        Locale.ROOT,
        "%-22s %8s %12s %9s%n",
        "all (" + s.pairs() + ")",
        auc(s.rocAuc()),
        auc(s.levenshteinAuc()),
        auc(s.damerauAuc()));
    for (KindScore k : s.perKind()) {
      out.printf(
          Locale.ROOT,
          "%-22s %8s %12s %9s%n",
          k.kind() + " (" + k.pairs() + ")",
          auc(k.modelAuc()),
          auc(k.levenshteinAuc()),
          auc(k.damerauAuc()));
    }
  }

  private static void row(PrintStream out, String rule, ThresholdStats t) {
    out.printf(
        Locale.ROOT,
        "%-12s %9.4f %9.4f %9.4f %9.4f %9.4f%n",
        rule,
        t.threshold(),
        t.precision(),
        t.recall(),
        t.f1(),
        t.accuracy());
  }

  private static String auc(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
