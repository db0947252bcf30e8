package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.siameseangular.data.DataException;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.ReportInput;
import org.siameseangular.report.TrainingReport;
import org.siameseangular.train.TrainConfig;

/**
 * A saved model evaluated on labelled pairs beside plain edit distance, and its report: "evaluate".
 */
public final class EvaluationRun {
  private final Path model;
  private final Path data;
  private final ScoredPairs scored;
  private final Evaluation evaluation;

  private EvaluationRun(Path model, Path data, ScoredPairs scored, Evaluation evaluation) {
    this.model = model;
    this.data = data;
    this.scored = scored;
    this.evaluation = evaluation;
  }

  /**
   * Scores the pairs of {@code data}, or, when it is null, the embedded dataset's validation split
   * (the pairs a model trained with the default split never saw), summarised, plus the
   * hard-variations set, broken down per kind with the split's kinds.
   */
  public static EvaluationRun of(Path model, Path data) {
    List<Pair> pairs;
    List<KindedPair> kinded = new ArrayList<>();
    if (data == null) {
      kinded.addAll(EvaluationData.embeddedValidation(TrainConfig.DEFAULT_VALIDATION_SPLIT));
      pairs = kinded.stream().map(KindedPair::pair).toList();
      kinded.addAll(EvaluationData.hardVariations());
    } else {
      pairs = PairFiles.read(data).pairs();
    }
    if (pairs.isEmpty()) {
      throw new DataException(
          data, 0, "no pairs to evaluate in " + data + ": it holds only the header");
    }
    // One model pass and one edit-distance pass over every pair; the summary is over the leading
    // pairs, the per-kind table over all.
    List<Pair> all = kinded.isEmpty() ? pairs : kinded.stream().map(KindedPair::pair).toList();
    ScoredPairs scoredAll;
    try (SimilarityModel m = SimilarityModel.load(model)) {
      float[] d =
          m.distances(
              all.stream().map(Pair::left).toList(), all.stream().map(Pair::right).toList());
      scoredAll = ScoredPairs.of(all, d);
    }
    ScoredPairs scored = scoredAll.slice(0, pairs.size());
    List<KindScore> perKind =
        kinded.isEmpty()
            ? List.of()
            : Evaluation.perKind(scoredAll, kinded.stream().map(KindedPair::kind).toList());
    return new EvaluationRun(model, data, scored, Evaluation.of(scored, perKind));
  }

  /** The numbers. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** Writes the charts, {@code metrics.json} and {@code report.html} into {@code dir}. */
  public void writeReport(Path dir) throws IOException {
    var facts = new LinkedHashMap<String, String>();
    facts.put("model", model.toString());
    facts.put("data", data == null ? "embedded validation split" : data.toString());
    TrainingReport.write(
        dir, new ReportInput("siamese-angular evaluation", List.of(), scored, evaluation, facts));
  }
}
