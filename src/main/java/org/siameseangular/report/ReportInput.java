package org.siameseangular.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.train.EpochMetrics;

/**
 * Everything {@link TrainingReport} shows. Pair data are parallel: {@code distances[i]}, {@code
 * labels[i]} (1 = similar, 0 = dissimilar), {@code lefts.get(i)} and {@code rights.get(i)} describe
 * one pair. Null history, facts or perKind count as empty; arrays and collections are copied.
 *
 * @param title report title
 * @param history per-epoch training metrics; empty for an evaluation-only report
 * @param distances the model's distance per pair (0 = similar)
 * @param labels 1 for similar pairs, 0 for dissimilar ones
 * @param lefts first string of each pair
 * @param rights second string of each pair
 * @param facts key/value facts shown in a table (units, optimizer, data source...), in order
 * @param perKind per-kind AUCs, may be empty
 */
public record ReportInput(
    String title,
    List<EpochMetrics> history,
    float[] distances,
    int[] labels,
    List<String> lefts,
    List<String> rights,
    Map<String, String> facts,
    List<KindScore> perKind) {

  /** Validates that the pair data are parallel and non-empty, and copies them. */
  public ReportInput {
    if (title == null || distances == null || labels == null || lefts == null || rights == null) {
      throw new IllegalArgumentException("title, distances, labels, lefts and rights are required");
    }
    int n = distances.length;
    if (labels.length != n || lefts.size() != n || rights.size() != n) {
      throw new IllegalArgumentException(
          String.format(
              "pair data differ in length: distances %d, labels %d, lefts %d, rights %d",
              n, labels.length, lefts.size(), rights.size()));
    }
    if (n == 0) {
      throw new IllegalArgumentException("a report needs at least one pair");
    }
    history = history == null ? List.of() : List.copyOf(history);
    distances = distances.clone();
    labels = labels.clone();
    lefts = List.copyOf(lefts);
    rights = List.copyOf(rights);
    facts =
        facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    perKind = perKind == null ? List.of() : List.copyOf(perKind);
  }

  /** A copy of the distances. */
  @Override
  public float[] distances() {
    return distances.clone();
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }
}
