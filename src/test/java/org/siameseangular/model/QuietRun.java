package org.siameseangular.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link NativeQuietTest}: loads a model, then scores, each phase between marker
 * lines on stderr, so that the parent can tell which native lines each phase wrote. Arguments: the
 * model directory and the number of {@code distance()} calls.
 */
public final class QuietRun {
  static final String LOAD = "<<load>>";
  static final String CALLS = "<<calls>>";
  static final String END = "<<end>>";

  private QuietRun() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int calls = Integer.parseInt(args[1]);
    System.err.println(LOAD);
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      System.err.println(CALLS);
      double sum = 0;
      for (int i = 0; i < calls; i++) {
        // Different lengths (the time steps) and the batch size 1 that distance() runs.
        sum += model.distance("name " + i, "nam" + (i % 7));
      }
      // Odd batches of the other entry points.
      sum += model.distances(List.of("a", "bb", "ccc"), List.of("x", "yy", "zzz"))[2];
      if (model.canEmbed()) {
        sum += model.embed("odd")[0] + model.embed(List.of("a", "b", "c"))[2][0];
      }
      System.err.println(END);
      System.out.println(sum);
    }
  }
}
