package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.io.Decimals;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.workflow.EvaluationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "ROC AUC, precision, recall, F1 and accuracy at the model's stored threshold, loss and other"
          + " thresholds of a model on labelled pairs, beside plain edit distance.",
      "Default data: the embedded dataset's validation split (the split stored with a model"
          + " trained on it), plus the hard-variations set per kind and the multi-script held-out"
          + " set per kind and per script."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory.")
  Path model;

  @Mixin SignatureOptions signature = new SignatureOptions();

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
      description =
          "Also write charts and report.html into DIR (not a model directory: its report.html is"
              + " the training report).")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (report != null) {
      EvaluationRun.checkReportDirectory(report);
    }
    EvaluationRun run = EvaluationRun.of(model, signature.toLoadOptions(), data);
    if (json) {
      System.out.println(JsonCodec.write(run.evaluation()));
    } else {
      print(System.out, run);
    }
    if (report != null) {
      run.writeReport(report);
      System.err.println("report written to " + report.resolve("report.html"));
    }
    return 0;
  }

  /**
   * The numbers, most useful first: the AUC (no threshold), then precision, recall, F1 and accuracy
   * at the threshold the model is used with, each saying which threshold it uses.
   */
  static void print(PrintStream out, EvaluationRun run) {
    Evaluation s = run.evaluation();
    out.printf(
        Locale.ROOT,
        "pairs      %d (%d similar, %d dissimilar): %s%n",
        s.pairs(),
        s.similarPairs(),
        s.pairs() - s.similarPairs(),
        run.dataLabel());
    out.printf(
        Locale.ROOT,
        "roc_auc    %s  (no threshold; levenshtein %s, damerau %s)%n",
        Double.isNaN(s.rocAuc()) ? "undefined (only one class present)" : auc(s.rocAuc()),
        auc(s.levenshteinAuc()),
        auc(s.damerauAuc()));
    ThresholdStats h = s.headline();
    out.printf(
        Locale.ROOT,
        "%nat %s:%n",
        s.modelThreshold() != null
            ? "the model's threshold "
                + Decimals.format(h.threshold())
                + " ("
                + run.thresholdRule()
                + ")"
            : "the best-F1 threshold of these pairs, "
                + Decimals.format(h.threshold())
                + " (the model stores no threshold; chosen on the same pairs, so optimistic)");
    out.printf(Locale.ROOT, "precision  %.4f%n", h.precision());
    out.printf(Locale.ROOT, "recall     %.4f%n", h.recall());
    out.printf(Locale.ROOT, "f1         %.4f%n", h.f1());
    out.printf(Locale.ROOT, "accuracy   %.4f%n", h.accuracy());
    out.printf(
        Locale.ROOT,
        "%nloss       %.4f  (binary cross-entropy of the distances; no threshold)%n",
        s.loss());
    out.printf(
        Locale.ROOT,
        "%nthreshold table (similar iff distance < threshold; all rows but the model's are chosen"
            + " on these pairs)%n%-32s %-22s %9s %9s %9s %9s%n",
        "rule",
        "threshold",
        "precision",
        "recall",
        "f1",
        "accuracy");
    if (s.modelThreshold() != null) {
      row(out, "stored with the model", s.modelThreshold());
    }
    row(out, "best F1", s.bestF1());
    row(out, "Youden J", s.youden());
    row(out, "precision >= 0.95, most recall", s.precision95());
    row(out, "precision >= 0.99, most recall", s.precision99());
    row(out, "fixed 0.5", s.atHalf());
    if (s.fewPairsForThresholds()) {
      out.printf(
          Locale.ROOT,
          "warning: these thresholds were chosen on only %d pairs (fewer than %d): they may be far"
              + " from the best on new data%n",
          s.pairs(),
          Evaluation.MIN_THRESHOLD_PAIRS);
    }
    out.printf(
        Locale.ROOT,
        "%nROC AUC beside plain edit distance%n%-36s %8s %12s %9s%n",
        "pairs",
        "model",
        "levenshtein",
        "damerau");
    out.printf(
        Locale.ROOT,
        "%-36s %8s %12s %9s%n",
        "all (" + s.pairs() + ")",
        auc(s.rocAuc()),
        auc(s.levenshteinAuc()),
        auc(s.damerauAuc()));
    for (KindScore k : s.perKind()) {
      out.printf(
          Locale.ROOT,
          "%-36s %8s %12s %9s%n",
          k.kind() + " (" + k.pairs() + ")",
          auc(k.modelAuc()),
          auc(k.levenshteinAuc()),
          auc(k.damerauAuc()));
    }
  }

  private static void row(PrintStream out, String rule, ThresholdStats t) {
    if (t == null) {
      out.printf(Locale.ROOT, "%-32s %-22s%n", rule, "none reaches it");
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-32s %-22s %9.4f %9.4f %9.4f %9.4f%n",
        rule,
        Decimals.format(t.threshold()),
        t.precision(),
        t.recall(),
        t.f1(),
        t.accuracy());
  }

  private static String auc(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
