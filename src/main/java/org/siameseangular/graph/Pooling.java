package org.siameseangular.graph;

import java.util.Arrays;

/**
 * How the LSTM's steps become one embedding per string. {@code s_t} is the encoded input of step t
 * ({@code [B, width]}), {@code h_t} the LSTM's output there ({@code [B, units]}), {@code valid_t =
 * [x_t != 0]} and {@code n = max(sum_t valid_t, 1)}:
 *
 * <pre>
 *   last      embed = h_{len}                                   [B, units]          (zeros if empty)
 *   mean-bag  embed = concat(sum_t valid_t h_t / n,
 *                            sum_t valid_t s_t / n)             [B, units + width]  (zeros if empty)
 *   words     embed = concat(sum_t letter_t h'_t / n',
 *                            sum_t letter_t s_t / n')           [B, units + width]  (zeros if no letter)
 *   windows   embed = as words with h''_t for h'_t
 * </pre>
 *
 * where {@code letter_t = [x_t != 0 and x_t not in} {@link WordSplit#SEPARATORS}{@code ]}, {@code
 * n' = max(sum_t letter_t, 1)}, {@code h'_t} is the LSTM's output at letter t when it reads that
 * letter's word alone, from the zero state (a word: a maximal run of letters), and {@code h''_t}
 * its output after reading, from the zero state, the window of t's word that ends at t: the last
 * {@link #WINDOW} letters up to t, fewer near the word's start.
 *
 * <p>"last" is the Keras original's (an {@code LSTM} without {@code return_sequences}); "mean-bag"
 * adds no weight: the mean of the LSTM's outputs over the real steps (keras/src/layers/rnn/rnn.py,
 * masked {@code return_sequences=True}) beside the mean of its inputs, a bag of characters that
 * word order and the LSTM's recency do not change. "words" makes the output half independent of
 * word order too ({@code Smith, John} and {@code John Smith} have the same embedding; separators
 * only split words), but joining two words changes every output of the second. "windows" (the
 * default of the table encodings) keeps the order independence and makes the output half a learned
 * bag of character trigrams: a typo, a join or a split changes only the outputs of the windows that
 * contain it (docs/encoding-calibration.md, phase 5).
 */
public enum Pooling {
  /** The state after the last real step: the Keras original's embedding. */
  LAST("last"),
  /** The mean of the LSTM's outputs, then the mean of its inputs, over the real steps. */
  MEAN_BAG("mean-bag"),
  /**
   * As {@link #MEAN_BAG} with the LSTM reading each word on its own (from the zero state), words
   * being the runs of letters between {@link WordSplit#SEPARATORS}, which are otherwise ignored.
   * The graph pads every string to the batch's most words and every word to its longest word, so a
   * batch that mixes a very long word with a many-word string costs their product.
   */
  WORDS("words"),
  /**
   * As {@link #WORDS} with the LSTM reading, for each letter, the window of at most {@link #WINDOW}
   * letters of its word that ends there (a learned bag of character n-grams).
   */
  WINDOWS("windows");

  /** The longest window of {@link #WINDOWS}. */
  public static final int WINDOW = 3;

  private final String id;

  Pooling(String id) {
    this.id = id;
  }

  /** The name in metadata, checkpoints and on the command line. */
  public String id() {
    return id;
  }

  /** The embedding's length for an LSTM of {@code units} fed {@code width} features per step. */
  public int embeddingSize(int units, int width) {
    return this == LAST ? units : units + width;
  }

  /**
   * The pooling named {@code id}.
   *
   * @throws IllegalArgumentException naming the poolings this version knows
   */
  public static Pooling parse(String id) {
    for (Pooling p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown pooling \"" + id + "\": this version knows " + known());
  }

  /** The known names, quoted, for messages: {@code "last", "mean-bag", "words" and "windows"}. */
  static String known() {
    var names = Arrays.stream(values()).map(p -> "\"" + p.id + "\"").toList();
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
