package org.siameseangular.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@link WordSplit}'s layout of words, compared with the words written out by hand: exact, since it
 * only moves code points.
 */
class WordSplitTest {

  /** The grid's rows as strings (trailing zeros dropped), and the letter counts. */
  private record Split(List<String> rows, long words, float[] letters) {}

  private static Split split(List<String> texts) {
    try (Graph g = new Graph();
        Session s = new Session(g);
        TFloat32 input = CodePoints.tensor(texts)) {
      Ops tf = Ops.create(g);
      var steps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, 1)));
      WordSplit.Words words =
          WordSplit.split(tf, tf.reshape(steps, tf.constant(new long[] {texts.size(), -1})));
      try (Result r =
          s.runner().feed(steps, input).fetch(words.grid()).fetch(words.letters()).run()) {
        var grid = (TFloat32) r.get(0);
        var letters = (TFloat32) r.get(1);
        List<String> rows = new ArrayList<>();
        for (long i = 0; i < grid.shape().get(0); i++) {
          var row = new StringBuilder();
          boolean padding = false;
          for (long j = 0; j < grid.shape().get(1); j++) {
            int c = (int) grid.getFloat(i, j);
            assertThat(padding && c != 0).as("a code point after padding in row %d", i).isFalse();
            padding = c == 0;
            if (c != 0) {
              row.appendCodePoint(c);
            }
          }
          rows.add(row.toString());
        }
        float[] counts = new float[texts.size()];
        for (int b = 0; b < counts.length; b++) {
          counts[b] = letters.getFloat(b, 0);
        }
        return new Split(rows, grid.shape().get(0) / texts.size(), counts);
      }
    }
  }

  @Test
  void wordsAreTheRunsOfLettersBetweenSeparatorsOneRowEachPaddedToTheMostWordsInTheBatch() {
    Split split = split(List.of("Smith, John", "Anna-Maria  Müller", "x", ""));

    assertThat(split.words()).isEqualTo(3);
    assertThat(split.rows())
        .containsExactly("Smith", "John", "", "Anna", "Maria", "Müller", "x", "", "", "", "", "");
    assertThat(split.letters()).containsExactly(9f, 15f, 1f, 0f);
  }

  @Test
  void separatorsOnlyAndLeadingOrTrailingSeparatorsGiveNoEmptyWord() {
    Split split = split(List.of(" ,. ", "\u00abООО\u00bb ", "\u738b\u3000\u4f1f"));

    assertThat(split.rows()).containsExactly("", "", "ООО", "", "\u738b", "\u4f1f");
    assertThat(split.letters()).containsExactly(0f, 3f, 2f);
  }

  @Test
  void theApostropheAndCharactersOutsideTheBmpAreLetters() {
    Split split = split(List.of("O'Brien \ud83d\ude00x"));

    assertThat(split.rows()).containsExactly("O'Brien", "\ud83d\ude00x");
    assertThat(split.letters()).containsExactly(9f);
  }

  @Test
  void everySeparatorEndsAWord() {
    var texts = new ArrayList<String>();
    for (int sep : WordSplit.SEPARATORS) {
      texts.add("ab" + Character.toString(sep) + "c");
    }

    Split split = split(texts);

    assertThat(split.words()).isEqualTo(2);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(split.rows().subList(2 * i, 2 * i + 2))
          .as("U+%04X", WordSplit.SEPARATORS[i])
          .containsExactly("ab", "c");
    }
  }

  /**
   * letters() is {@code x != 0 and x not a separator} for every code point, and for the floats next
   * to each separator (not code points, so letters by that definition: the test is equality, not
   * nearness).
   */
  @Test
  void aLetterIsEveryNonZeroCodePointThatIsNotASeparatorAndSoAreTheFloatsBesideSeparators() {
    var values = new ArrayList<Float>();
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      values.add((float) c);
    }
    for (int sep : WordSplit.SEPARATORS) {
      values.addAll(List.of(Math.nextDown((float) sep), Math.nextUp((float) sep), -(float) sep));
    }
    Set<Float> separators = new HashSet<>();
    for (int sep : WordSplit.SEPARATORS) {
      separators.add((float) sep);
    }
    float[][] column = new float[values.size()][1];
    for (int i = 0; i < column.length; i++) {
      column[i][0] = values.get(i);
    }

    try (Graph g = new Graph();
        Session s = new Session(g);
        TFloat32 input = TFloat32.tensorOf(StdArrays.ndCopyOf(column))) {
      Ops tf = Ops.create(g);
      var steps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      try (Result r = s.runner().feed(steps, input).fetch(WordSplit.letters(tf, steps)).run()) {
        var letters = (TFloat32) r.get(0);
        for (int i = 0; i < column.length; i++) {
          float x = column[i][0];
          float expected = x != 0f && !separators.contains(x) ? 1f : 0f;
          if (letters.getFloat(i, 0) != expected) {
            assertThat(letters.getFloat(i, 0)).as("letter of %s", x).isEqualTo(expected);
          }
        }
      }
    }
  }
}
