package org.siameseangular.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.model.SimilarityModel;

/** One index searched from many threads at once gives exactly the single-threaded answers. */
class IndexConcurrencyTest {
  private static final int THREADS = 12;
  private static final int CALLS_PER_THREAD = 150;
  private static final int LIST = 8;

  @TempDir static Path dir;
  private static SimilarityModel model;
  private static List<String> queries;
  private static HnswIndex hnsw;
  private static ExactIndex exact;

  @BeforeAll
  static void build() throws Exception {
    model = TestModels.exportAndLoad(dir.resolve("m"), 8, 12);
    List<String> names = Names.distinct(3000, 13);
    var random = new SplittableRandom(14);
    queries = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      queries.add(Names.noisy(names.get(random.nextInt(names.size())), random));
    }
    hnsw = HnswIndex.build(model, names);
    exact = hnsw.exact();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void hnswSearchesFromManyThreadsMatchTheSingleThreadedOnes() throws Exception {
    assertThat(mismatchesUnderLoad(hnsw)).isZero();
  }

  @Test
  void exactSearchesFromManyThreadsMatchTheSingleThreadedOnes() throws Exception {
    assertThat(mismatchesUnderLoad(exact)).isZero();
  }

  /**
   * Single queries and lists of LIST queries, each compared with the same call made alone
   * beforehand (a list is embedded as one batch, whose padding can move the last bits of an
   * embedding: so lists are compared with the same list, not with single calls).
   */
  private static int mismatchesUnderLoad(CandidateIndex index) throws Exception {
    List<List<Match>> single = new ArrayList<>();
    for (String q : queries) {
      single.add(index.topK(q, 10));
    }
    List<List<List<Match>>> lists = new ArrayList<>();
    for (int start = 0; start + LIST <= queries.size(); start++) {
      lists.add(index.topK(queries.subList(start, start + LIST), 10));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  int mismatches = 0;
                  for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    int q = (thread * 17 + call * 5) % (queries.size() - LIST);
                    if (call % 5 == 0) {
                      mismatches +=
                          index.topK(queries.subList(q, q + LIST), 10).equals(lists.get(q)) ? 0 : 1;
                    } else {
                      mismatches += index.topK(queries.get(q), 10).equals(single.get(q)) ? 0 : 1;
                    }
                  }
                  return mismatches;
                }));
      }
      int mismatches = 0;
      for (Future<Integer> f : futures) {
        // A timeout turns a hang into a failure; it is no speed limit.
        mismatches += f.get(10, TimeUnit.MINUTES);
      }
      return mismatches;
    } finally {
      pool.shutdownNow();
    }
  }
}
