package org.siameseangular.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What every index knows about its candidates: the strings in their given order (duplicates kept),
 * which distinct string each one is, the model they were embedded with and its head. Immutable.
 *
 * <p>Distinct ids follow first occurrence, so ordering distinct strings by id orders them by their
 * first candidate index; that is what makes a top-k over distinct strings, expanded to their
 * candidates, the exact top-k over candidates (see {@link #expand}).
 */
final class Candidates {
  final List<String> texts;
  final int[] distinctOf;

  /**
   * The candidates of distinct string g are groupMembers[groupStart[g], groupStart[g + 1]),
   * ascending.
   */
  private final int[] groupStart;

  private final int[] groupMembers;
  final int dimensions;
  final String modelFingerprint;
  final AngularDistance head;

  /**
   * @throws IllegalArgumentException if distinct ids do not appear in first-occurrence order (0,
   *     then each new id one more than the largest so far)
   */
  Candidates(
      List<String> texts,
      int[] distinctOf,
      int dimensions,
      String modelFingerprint,
      AngularDistance head) {
    if (texts.size() != distinctOf.length) {
      throw new IllegalArgumentException(
          texts.size() + " candidates but " + distinctOf.length + " distinct ids");
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no candidates");
    }
    int distinct = 0;
    for (int i = 0; i < distinctOf.length; i++) {
      int g = distinctOf[i];
      if (g < 0 || g > distinct) {
        throw new IllegalArgumentException(
            "candidate " + i + " has distinct id " + g + ", expected 0.." + distinct);
      }
      if (g == distinct) {
        distinct++;
      }
    }
    this.texts = texts;
    this.distinctOf = distinctOf;
    this.dimensions = dimensions;
    this.modelFingerprint = modelFingerprint;
    this.head = head;
    groupStart = new int[distinct + 1];
    for (int g : distinctOf) {
      groupStart[g + 1]++;
    }
    for (int g = 0; g < distinct; g++) {
      groupStart[g + 1] += groupStart[g];
    }
    groupMembers = new int[distinctOf.length];
    int[] fill = groupStart.clone();
    for (int i = 0; i < distinctOf.length; i++) {
      groupMembers[fill[distinctOf[i]]++] = i;
    }
  }

  static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
  }

  /**
   * Queries embedded by a model of another size cannot be compared (a fingerprint check prevents
   * it).
   */
  void checkDimensions(EmbeddedTexts queries) {
    if (queries.dimensions != dimensions) {
      throw new IndexException(
          "the model embeds queries in "
              + queries.dimensions
              + " dimensions but the index holds "
              + dimensions
              + "-dimensional embeddings");
    }
  }

  int size() {
    return texts.size();
  }

  int distinctCount() {
    return groupStart.length - 1;
  }

  /**
   * The best {@code k} candidates, given the best {@code min(k, distinct)} distinct strings by
   * (distance, id).
   *
   * <p>Exact: a candidate j of distinct string g that belongs in the candidates' top k has fewer
   * than k candidates before it in (distance, index) order; each distinct string g' before g in
   * (distance, id) order contributes its first candidate, which comes before j (same or smaller
   * distance, and a smaller index since ids follow first occurrence); so fewer than k distinct
   * strings come before g, and g is in the given top k.
   */
  List<Match> expand(TopK best, int k) {
    var out = new ArrayList<Match>(Math.min(k, size()));
    int[] order = best.bestFirst();
    for (int p = 0; p < order.length; p++) {
      float d = best.distanceAt(order[p]);
      // Later strings are no closer: once k are in hand, only equal distances (smaller indices) can
      // still enter.
      if (out.size() >= k && d > out.get(out.size() - 1).distance()) {
        break;
      }
      int g = best.idAt(order[p]);
      int end = Math.min(groupStart[g + 1], groupStart[g] + k);
      for (int m = groupStart[g]; m < end; m++) {
        int candidate = groupMembers[m];
        out.add(new Match(candidate, texts.get(candidate), d));
      }
    }
    out.sort(Comparator.comparing(Match::distance).thenComparingInt(Match::candidate));
    return List.copyOf(out.subList(0, Math.min(k, out.size())));
  }
}
