package org.siameseangular.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Test fixture run by {@link NativeObjectsTest} in a JVM that never collects garbage (Epsilon), so
 * that JavaCPP's count of native objects still to free ({@link Pointer#totalCount()}) is exact: a
 * leaked tensor stays in it. Prints one line {@code <scenario> <calls> <objects left>} per
 * scenario, after a warm-up round that meets every input shape once.
 */
public final class NativeObjectsProgram {
  static final int ROUNDS = 10;

  /** A tensor left open on purpose in the control scenario, this many times. */
  static final int LEAKED = 25;

  private NativeObjectsProgram() {}

  public static void main(String[] args) {
    List<String> texts = new ArrayList<>();
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789ÄÖÜ";
    for (int length = 1; length <= letters.length(); length++) {
      texts.add(letters.substring(0, length));
    }
    texts.add("😀 emoji");
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);
    try (SimilarityModel model = SimilarityModel.load(Path.of(args[0]))) {
      measure(
          "distance",
          texts.size(),
          () -> texts.forEach(t -> model.distance(t, t.substring(0, t.length() / 2))));
      measure(
          "batched",
          texts.size() + 2,
          () -> {
            model.distances(texts, reversed);
            model.embed(texts);
            texts.forEach(model::embed);
          });
    }
    measure(
        "leak-control",
        LEAKED,
        () -> {
          for (int i = 0; i < LEAKED; i++) {
            TFloat32.tensorOf(Shape.of(1, 5, 1)); // never closed, on purpose
          }
        });
  }

  private static void measure(String scenario, int callsPerRound, Runnable round) {
    round.run(); // warm-up: every shape once
    long before = Pointer.totalCount();
    for (int i = 0; i < ROUNDS; i++) {
      round.run();
    }
    System.out.println(
        scenario + " " + (ROUNDS * callsPerRound) + " " + (Pointer.totalCount() - before));
  }
}
