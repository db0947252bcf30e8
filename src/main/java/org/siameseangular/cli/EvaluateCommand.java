package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.HardVariations;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.io.Json;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.ReportInput;
import org.siameseangular.report.TrainingReport;
import org.siameseangular.train.Split;
import org.siameseangular.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {
      "Loss, accuracy, ROC AUC and decision thresholds of a model on labelled pairs, beside plain edit distance.",
      "Default data: the embedded dataset's validation split, plus the hard-variations set per kind."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A SavedModel directory.")
  Path model;

  @Option(names = "--data", paramLabel = "FILE", description = "Pairs file, CSV or TSV (default: embedded validation split).")
  Path data;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write charts and report.html into DIR.")
  Path report;

  @Override
  public Integer call() throws Exception {
    List<Pair> pairs;
    List<KindedPair> kinded = new ArrayList<>();
    if (data == null) {
      var all = DefaultDataset.generateWithKinds(DefaultDataset.DEFAULT_SEED);
      int trainCount = Split.of(DefaultDataset.defaultPairs(), TrainConfig.DEFAULT_VALIDATION_SPLIT).training().size();
      kinded.addAll(all.subList(trainCount, all.size()));
      pairs = kinded.stream().map(KindedPair::pair).toList();
      kinded.addAll(HardVariations.load());
    } else {
      pairs = PairFiles.read(data).pairs();
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no pairs to evaluate in " + data);
    }
    try (SimilarityModel m = SimilarityModel.load(model)) {
      // One model pass and one edit-distance pass over every pair; the summary is over the leading pairs.
      List<Pair> all = kinded.isEmpty() ? pairs : kinded.stream().map(KindedPair::pair).toList();
      ScoredPairs scoredAll = ScoredPairs.of(all,
          m.distances(all.stream().map(Pair::left).toList(), all.stream().map(Pair::right).toList()));
      ScoredPairs scored = scoredAll.slice(0, pairs.size());
      List<KindScore> perKind = kinded.isEmpty() ? List.of()
          : Evaluation.perKind(scoredAll, kinded.stream().map(KindedPair::kind).toList());
      Evaluation s = Evaluation.of(scored, perKind);
      if (json) {
        System.out.println(Json.write(s));
      } else {
        print(System.out, s);
      }
      if (report != null) {
        var facts = new LinkedHashMap<String, String>();
        facts.put("model", model.toString());
        facts.put("data", data == null ? "embedded validation split" : data.toString());
        TrainingReport.write(report, new ReportInput("siamese-angular evaluation", List.of(), scored, s, facts));
        System.err.println("report written to " + report.resolve("report.html"));
      }
    }
    return 0;
  }

  static void print(PrintStream out, Evaluation s) {
    out.printf(Locale.ROOT, "pairs      %d%n", s.pairs());
    out.printf(Locale.ROOT, "loss       %.4f%n", s.loss());
    out.printf(Locale.ROOT, "accuracy   %.4f  (distance < 0.5 = similar)%n", s.accuracy());
    out.printf(Locale.ROOT, "roc_auc    %s%n", Double.isNaN(s.rocAuc()) ? "undefined (only one class present)"
        : String.format(Locale.ROOT, "%.4f", s.rocAuc()));
    out.printf(Locale.ROOT, "%nthreshold table%n%-12s %9s %9s %9s %9s %9s%n", "rule", "threshold",
        "precision", "recall", "f1", "accuracy");
    row(out, "best F1", s.bestF1());
    row(out, "Youden J", s.youden());
    row(out, "fixed 0.5", s.atHalf());
    out.printf(Locale.ROOT, "%nROC AUC beside plain edit distance%n%-22s %8s %12s %9s%n", "pairs", "model",
        "levenshtein", "damerau");
    out.printf(Locale.ROOT, "%-22s %8s %12s %9s%n", "all (" + s.pairs() + ")", auc(s.rocAuc()),
        auc(s.levenshteinAuc()), auc(s.damerauAuc()));
    for (KindScore k : s.perKind()) {
      out.printf(Locale.ROOT, "%-22s %8s %12s %9s%n", k.kind() + " (" + k.pairs() + ")", auc(k.modelAuc()),
          auc(k.levenshteinAuc()), auc(k.damerauAuc()));
    }
  }

  private static void row(PrintStream out, String rule, ThresholdStats t) {
    out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %9.4f %9.4f%n", rule, t.threshold(), t.precision(),
        t.recall(), t.f1(), t.accuracy());
  }

  private static String auc(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
