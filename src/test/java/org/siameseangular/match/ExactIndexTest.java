package org.siameseangular.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.FloatBounds;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.SimilarityModel;

/**
 * Brute-force search is exact: against a naive sort, and against the graph's own distances for
 * every pair.
 */
@Tag("numeric")
class ExactIndexTest {
  private static final int UNITS = 16;

  private static final long SEED = 21;

  /**
   * Per string and component, how far its embedding computed in two different batches may differ:
   * twice FloatBounds' running float32 error bound of the LSTM (as graph/BatchInvarianceTest).
   */
  private static final FloatBounds.Lstm EXACT = exact();

  @TempDir static Path dir;
  private static SimilarityModel model;

  /** 700 words, then 50 of them again: duplicates at known places. */
  private static List<String> candidates;

  private static List<String> queries;
  private static ExactIndex index;

  @BeforeAll
  static void build() throws Exception {
    model = TestModels.exportAndLoad(dir.resolve("m"), UNITS, SEED);
    List<String> words = DefaultDataset.words();
    candidates = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      candidates.add(words.get(i * 41));
    }
    candidates.addAll(candidates.subList(100, 150));
    // Misspellings of candidates (the right side of a similar pair) and unrelated words.
    queries = new ArrayList<>();
    for (Pair p : DefaultDataset.defaultPairs().subList(0, 40)) {
      queries.add(p.right());
    }
    queries.add(candidates.get(120));
    index = ExactIndex.build(model, candidates);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void topKEqualsANaiveSortOfEveryCandidateByDistanceThenIndex() {
    int[] distinctOf = index.candidates().distinctOf;
    float[] rows = index.rows();
    AngularDistance head = AngularDistance.of(model);
    for (String q : queries) {
      // A single query is embedded alone, as here, so the naive sort sees the index's own numbers.
      float[] query = AngularDistance.normalize(model.embed(List.of(q))[0]);
      var all = new ArrayList<Match>();
      for (int c = 0; c < candidates.size(); c++) {
        float[] row =
            java.util.Arrays.copyOfRange(rows, distinctOf[c] * UNITS, (distinctOf[c] + 1) * UNITS);
        all.add(new Match(c, candidates.get(c), head.ofCosine(AngularDistance.dot(query, row))));
      }
      all.sort(Comparator.comparing(Match::distance).thenComparingInt(Match::candidate));

      assertThat(index.topK(q, 10)).as(q).isEqualTo(all.subList(0, 10));
    }
  }

  /**
   * The index's distances against {@code distances()} of every (query, candidate) pair, compared as
   * cosines. Allowed: the head's float32 bound (AngularDistanceTest) plus embeddings computed in
   * other batches, each off by at most the Euclidean norm e of its per-component tolerances, which
   * turns a cosine by at most e_q / |q| + e_c / |c| (a vector moved by e turns by at most e / |v|
   * radians, and a cosine moves by at most the angle).
   */
  @Test
  void exactResultsAgreeWithNaiveAllPairsDistances() {
    double head = AngularDistanceTest.cosineBound(UNITS);
    double[] candidateNorms = candidates.stream().mapToDouble(c -> norm(model.embed(c))).toArray();
    for (String q : queries) {
      float[] graph = model.distances(Collections.nCopies(candidates.size(), q), candidates);
      double[] allowed = new double[candidates.size()];
      double qNorm = norm(model.embed(q));
      for (int c = 0; c < candidates.size(); c++) {
        allowed[c] =
            head + batchDelta(q) / qNorm + batchDelta(candidates.get(c)) / candidateNorms[c];
      }
      List<Match> top = index.topK(q, 10);
      for (Match m : top) {
        assertThat(Math.abs(cos(m.distance()) - cos(graph[m.candidate()])))
            .as("%s -> %s", q, m.text())
            .isLessThanOrEqualTo(allowed[m.candidate()]);
      }
      // Nothing left out is nearer, by the graph's numbers, than the last one returned.
      Match last = top.get(top.size() - 1);
      var returned = top.stream().map(Match::candidate).toList();
      for (int c = 0; c < candidates.size(); c++) {
        if (!returned.contains(c)) {
          assertThat(cos(graph[c]))
              .as("%s: %s left out", q, candidates.get(c))
              .isLessThanOrEqualTo(
                  cos(graph[last.candidate()]) + allowed[c] + allowed[last.candidate()]);
        }
      }
    }
  }

  @Test
  void resultsAreOrderedByDistanceThenCandidateIndex() {
    for (List<Match> top : index.topK(queries, 25)) {
      for (int i = 1; i < top.size(); i++) {
        Match a = top.get(i - 1);
        Match b = top.get(i);
        assertThat(
                a.distance() < b.distance()
                    || (a.distance() == b.distance() && a.candidate() < b.candidate()))
            .as("%s before %s", a, b)
            .isTrue();
      }
    }
  }

  @Test
  void duplicateCandidatesAreEachReturnedAtTheSameDistanceInIndexOrder() {
    String word = candidates.get(120);

    List<Match> top = index.topK(word, 2);

    assertThat(top).extracting(Match::candidate).containsExactly(120, 720);
    assertThat(top.get(0).distance()).isEqualTo(top.get(1).distance());
    assertThat(top).extracting(Match::text).containsOnly(word);
  }

  @Test
  void kLargerThanTheCandidatesReturnsThemAll() {
    List<Match> all = index.topK("anything", candidates.size() + 100);

    assertThat(all).hasSize(candidates.size());
    assertThat(all).extracting(Match::candidate).doesNotHaveDuplicates();
  }

  @Test
  void aListOfQueriesGivesOneResultPerQueryInOrder() {
    List<List<Match>> results =
        index.topK(List.of(candidates.get(5), candidates.get(9), candidates.get(5)), 1);

    assertThat(results).extracting(r -> r.get(0).candidate()).containsExactly(5, 9, 5);
    assertThat(index.topK(List.of(), 3)).isEmpty();
  }

  @Test
  void anEmptyCandidateListIsRefused() {
    assertThatThrownBy(() -> ExactIndex.build(model, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no candidate strings");
  }

  @Test
  void anUnusableCandidateIsNamedByPosition() {
    String tooLong = "a".repeat(CodePoints.MAX_CODE_POINTS + 1);

    assertThatThrownBy(() -> ExactIndex.build(model, List.of("ok", "fine", tooLong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidate 2")
        .hasMessageContaining("code points");
    assertThatThrownBy(() -> ExactIndex.build(model, java.util.Arrays.asList("ok", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidate 1 is null");
  }

  @Test
  void kBelowOneIsRefused() {
    assertThatThrownBy(() -> index.topK("x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be at least 1");
  }

  private static double cos(float distance) {
    return Math.cos(Math.PI * distance);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static FloatBounds.Lstm exact() {
    ModelSpec spec = ModelSpec.withUnits(UNITS);
    LstmWeights w = KerasInitializers.lstm(UNITS, SEED);
    return new FloatBounds.Lstm(
        UNITS, w.kernel(), w.recurrentKernel(), w.bias(), spec.inputCenter(), spec.inputScale());
  }

  /** The Euclidean norm of a string's per-component two-implementation tolerances. */
  private static double batchDelta(String text) {
    FloatBounds.Embedding e = EXACT.embed(text);
    double sum = 0;
    for (int k = 0; k < UNITS; k++) {
      sum += e.tolerance(k) * e.tolerance(k);
    }
    return Math.sqrt(sum);
  }
}
