package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;

/**
 * One loaded model scored from many threads gives exactly the single-threaded results, and closes
 * safely.
 */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 10_000;
  private static final int BATCH = 8;

  /**
   * The longest one wait lasts: not a speed limit (a slow machine takes what it takes), only what
   * turns a hang into a failure.
   */
  private static final long WAIT_MINUTES = 10;

  @TempDir static Path dir;
  private static List<Pair> pairs;
  private static float[] expected;

  /**
   * expectedBatch[start] = the single-threaded distances of pairs[start, start + BATCH) scored as
   * one batch.
   */
  private static float[][] expectedBatch;

  @BeforeAll
  static void exportAndScoreSingleThreaded() throws Exception {
    ModelExporter.export(dir.resolve("m"), ModelSpec.withUnits(8), KerasInitializers.lstm(8, 3));
    pairs = DefaultDataset.defaultPairs().subList(0, 256);
    expected = new float[pairs.size()];
    try (var model = SimilarityModel.load(dir.resolve("m"))) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] = model.distance(pairs.get(i).left(), pairs.get(i).right());
      }
      // A batch pads to its longest string, which moves the last bits of an embedding; so batched
      // calls are
      // compared with the same batch scored single-threaded, bit for bit.
      expectedBatch = new float[pairs.size() - BATCH][];
      for (int start = 0; start < expectedBatch.length; start++) {
        List<Pair> batch = pairs.subList(start, start + BATCH);
        expectedBatch[start] =
            model.distances(
                batch.stream().map(Pair::left).toList(), batch.stream().map(Pair::right).toList());
      }
    }
  }

  @AfterAll
  static void release() {
    pairs = null;
  }

  @Test
  void sixteenThreadsMixingSingleAndBatchedCallsGetTheSingleThreadedResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (var model = SimilarityModel.load(dir.resolve("m"))) {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  int mismatches = 0;
                  for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    int start = (thread * 31 + call * 7) % (pairs.size() - BATCH);
                    if (call % 4 == 0) {
                      List<Pair> batch = pairs.subList(start, start + BATCH);
                      float[] d =
                          model.distances(
                              batch.stream().map(Pair::left).toList(),
                              batch.stream().map(Pair::right).toList());
                      mismatches += java.util.Arrays.equals(d, expectedBatch[start]) ? 0 : 1;
                    } else {
                      Pair p = pairs.get(start);
                      mismatches += model.distance(p.left(), p.right()) == expected[start] ? 0 : 1;
                    }
                  }
                  return mismatches;
                }));
      }
      int mismatches = 0;
      for (Future<Integer> f : futures) {
        mismatches += f.get(WAIT_MINUTES, TimeUnit.MINUTES);
      }
      assertThat(mismatches).as("results differing from single-threaded scoring").isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingWhileOtherThreadsScoreFailsTheirCallsCleanly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    var model = SimilarityModel.load(dir.resolve("m"));
    var scoring = new CountDownLatch(200);
    var refused = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  while (true) {
                    try {
                      model.distance("colour", "color");
                      scoring.countDown();
                    } catch (IllegalStateException e) {
                      assertThat(e).hasMessageContaining("is closed");
                      refused.incrementAndGet();
                      return null;
                    }
                  }
                }));
      }
      // Close only once the workers are surely scoring; a timeout (a worker died, or a hang)
      // fails.
      assertThat(scoring.await(WAIT_MINUTES, TimeUnit.MINUTES))
          .as("200 calls succeeded before the close")
          .isTrue();
      model.close();
      for (Future<?> f : futures) {
        f.get(WAIT_MINUTES, TimeUnit.MINUTES);
      }
      assertThat(refused.get()).isEqualTo(4);
    } finally {
      pool.shutdownNow();
      model.close();
    }
  }
}
