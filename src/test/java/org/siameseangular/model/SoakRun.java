package org.siameseangular.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;

/**
 * The soak run, a manual program outside {@code mvn verify} (surefire runs only {@code *Test}
 * classes): N single-pair scores through one SimilarityModel, resident memory sampled from
 * /proc/self/status. Growth after warm-up must stay under 5 %; its results are in BENCHMARKS.md.
 * Resident memory depends on the machine, the heap and the allocator, so the default test run
 * checks the cause instead, exactly: {@link NativeObjectsTest} (no native object left per call).
 * Run with:
 *
 * <pre>
 * TF_CPP_MIN_LOG_LEVEL=2 MAVEN_OPTS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch" \
 *     mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.siameseangular.model.SoakRun -Dexec.args="models/siamese-lstm 1000000"
 * </pre>
 */
public final class SoakRun {
  private SoakRun() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "models/siamese-lstm");
    long calls = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    long warmUp = Math.min(100_000, calls / 10);
    List<Pair> pairs = DefaultDataset.defaultPairs();
    long rssAfterWarmUp = 0;
    long maxRss = 0;
    long started = System.nanoTime();
    double checksum = 0;
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      for (long i = 1; i <= calls; i++) {
        Pair p = pairs.get((int) (i % pairs.size()));
        checksum += model.distance(p.left(), p.right());
        if (i == warmUp) {
          rssAfterWarmUp = rssKb();
          System.out.printf(
              Locale.ROOT, "after %,d warm-up calls: RSS %,d kB%n", i, rssAfterWarmUp);
        }
        if (i % (calls / 10) == 0) {
          long rss = rssKb();
          maxRss = Math.max(maxRss, rss);
          System.out.printf(
              Locale.ROOT,
              "%,10d calls  %6.1f s  RSS %,d kB%n",
              i,
              (System.nanoTime() - started) / 1e9,
              rss);
        }
      }
    }
    double growth = 100.0 * (maxRss - rssAfterWarmUp) / rssAfterWarmUp;
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%,d calls in %.1f s (%.0f calls/s, %.1f us/call); RSS after warm-up %,d kB,"
            + " max after %,d kB, growth %.2f %% (limit 5 %%): %s; checksum %.6f%n",
        calls,
        seconds,
        calls / seconds,
        1e6 * seconds / calls,
        rssAfterWarmUp,
        maxRss,
        growth,
        growth < 5 ? "PASS" : "FAIL",
        checksum);
    if (growth >= 5) {
      System.exit(1);
    }
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
