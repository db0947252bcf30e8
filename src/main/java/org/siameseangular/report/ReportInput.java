package org.siameseangular.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.train.EpochMetrics;

/**
 * Everything {@link TrainingReport} shows. Null history or facts count as empty; collections are
 * copied.
 *
 * @param title report title
 * @param history per-epoch training metrics; empty for an evaluation-only report
 * @param scored the pairs with the model's and the baselines' distances (charts, mistakes)
 * @param evaluation the summary of {@code scored} (tables, {@code metrics.json})
 * @param facts key/value facts shown in a table (units, optimizer, data source...), in order
 * @param dataLabel what {@code scored} is, in words, as it completes "Measured on ...": e.g. "the
 *     validation split: ... pairs the model never trained on"
 * @param bestEpoch the epoch whose weights were kept, marked on the loss chart; 0 for none
 * @param thresholdRule how the model's threshold ({@link Evaluation#modelThreshold()}) was chosen;
 *     null when the model has none
 */
public record ReportInput(
    String title,
    List<EpochMetrics> history,
    ScoredPairs scored,
    Evaluation evaluation,
    Map<String, String> facts,
    String dataLabel,
    int bestEpoch,
    String thresholdRule) {

  /** Validates that there is at least one pair, and copies the collections. */
  public ReportInput {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(scored, "scored");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(dataLabel, "dataLabel");
    if (scored.pairs().isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one pair");
    }
    history = history == null ? List.of() : List.copyOf(history);
    facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** A report on labelled pairs described only as such, without a best epoch or threshold rule. */
  public ReportInput(
      String title,
      List<EpochMetrics> history,
      ScoredPairs scored,
      Evaluation evaluation,
      Map<String, String> facts) {
    this(title, history, scored, evaluation, facts, "labelled pairs", 0, null);
  }
}
