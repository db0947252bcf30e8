package org.siameseangular.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-written evaluation set of variations that plain edit distance handles badly.
 *
 * <p>The resource {@code hard-variations.tsv} (columns {@code left right label kind}, about 270
 * pairs, written for this project from common names and words) has three kinds, each with similar
 * pairs and look-alike dissimilar ones:
 *
 * <ul>
 *   <li>{@value #DIACRITICS_CASE}: accents and letter case, {@code Müller / MULLER} against {@code
 *       Müller / MOLLER};
 *   <li>{@value #TRANSLITERATION}: spellings of one name from another script, {@code Mohammed /
 *       Muhammad} against {@code Mohammed / Mahmoud};
 *   <li>{@value #SPACING_PUNCTUATION}: spaces, hyphens and apostrophes, {@code O'Brien / OBrien}
 *       against {@code part-time / pastime}.
 * </ul>
 */
public final class HardVariations {

  /** Kind of pairs that differ in accents and letter case. */
  public static final String DIACRITICS_CASE = "diacritics-case";

  /** Kind of pairs that spell one name as transliterated in different ways. */
  public static final String TRANSLITERATION = "transliteration";

  /** Kind of pairs that differ in spaces, hyphens, apostrophes and dots. */
  public static final String SPACING_PUNCTUATION = "spacing-punctuation";

  /** All kinds, in the order they appear in the resource. */
  public static final List<String> KINDS =
      List.of(DIACRITICS_CASE, TRANSLITERATION, SPACING_PUNCTUATION);

  private static final String RESOURCE = "hard-variations.tsv";
  private static final String HEADER = "left\tright\tlabel\tkind";

  private HardVariations() {}

  /** Loads the pairs in resource order; unmodifiable. */
  public static List<KindedPair> load() {
    InputStream stream = HardVariations.class.getResourceAsStream(RESOURCE);
    if (stream == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
    }
    List<KindedPair> pairs = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException(RESOURCE + ": bad header " + header);
      }
      int lineNumber = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        pairs.add(parse(line, lineNumber));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
    return List.copyOf(pairs);
  }

  /** Parses one row; a bad row is a bug in the shipped resource, not a user error. */
  private static KindedPair parse(String line, int lineNumber) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 4
        || fields[0].isEmpty()
        || fields[1].isEmpty()
        || !(fields[2].equals("0") || fields[2].equals("1"))
        || !KINDS.contains(fields[3])) {
      throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": malformed row: " + line);
    }
    Pair pair = new Pair(fields[0], fields[1], fields[2].charAt(0) - '0');
    return new KindedPair(pair, fields[3]);
  }
}
