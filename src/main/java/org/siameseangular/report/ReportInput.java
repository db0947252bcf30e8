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
 */
public record ReportInput(
    String title,
    List<EpochMetrics> history,
    ScoredPairs scored,
    Evaluation evaluation,
    Map<String, String> facts) {

  /** Validates that there is at least one pair, and copies the collections. */
  public ReportInput {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(scored, "scored");
    Objects.requireNonNull(evaluation, "evaluation");
    if (scored.pairs().isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one pair");
    }
    history = history == null ? List.of() : List.copyOf(history);
    facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }
}
