package org.siameseangular.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;

/**
 * The folding table of the {@link InputEncoding.Folded} encoding: each code point below {@link
 * #SIZE} to the lower-case base letter it is a variant of, Cyrillic and Greek letters to the Latin
 * letter their romanisation starts with; code points from {@link #SIZE} up fold to themselves.
 *
 * <p>The table is data, not code: the resource {@value #RESOURCE} lists every code point that
 * changes, and python-export reads the same file, so both sides build the same graph whatever
 * Unicode version their runtime has. {@link #derive(int)} is the rule it was written from (checked
 * against the file in CodePointFoldTest); a new rule would be a new encoding, never a silent edit.
 */
public final class CodePointFold {
  /** Code points 0 .. SIZE - 1 are looked up; Latin, Greek, Cyrillic and Georgian lie below. */
  public static final int SIZE = 0x2000;

  /** The class-path resource holding the table. */
  public static final String RESOURCE = "/org/siameseangular/graph/code-point-fold.tsv";

  private static final float[] TABLE = load();

  private CodePointFold() {}

  /** The fold of every code point below {@link #SIZE}, as float32 (exact: all are below 2^24). */
  public static float[] table() {
    return TABLE.clone();
  }

  /** The fold of any code point: the table's entry below {@link #SIZE}, c itself from there up. */
  public static int fold(int c) {
    return c >= 0 && c < SIZE ? (int) TABLE[c] : c;
  }

  /**
   * The rule the resource was written from: the first code point of the canonical decomposition
   * (NFD) when the rest are non-spacing marks ({@code é -> e}), lower-cased ({@code É -> e}), the
   * Latin letters without a decomposition mapped to their base ({@code ø -> o, ł -> l, ß -> s}),
   * then Cyrillic and Greek letters to a Latin letter: for Cyrillic the one letter ISO 9:1995 (GOST
   * 7.79 System A) writes, without its diacritic ({@code ж -> ž -> z}, {@code щ -> ŝ -> s}, {@code
   * я -> â -> a}), so ISO 9 romanisations fold exactly and the others (ICAO "zh", BGN "ya") differ
   * by an inserted letter; for Greek the first letter of ELOT 743 / ISO 843 ({@code θ -> t} of
   * "th", {@code χ -> c} of "ch"). The soft and hard signs keep their own code points
   * (romanisations drop them or spell them variously).
   */
  static int derive(int c) {
    if (c < 0 || c >= SIZE) {
      return c;
    }
    int base = c;
    String nfd = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFD);
    if (nfd.codePointCount(0, nfd.length()) > 1) {
      int first = nfd.codePointAt(0);
      boolean marks =
          nfd.codePoints()
              .skip(1)
              .allMatch(m -> Character.getType(m) == Character.NON_SPACING_MARK);
      if (marks && Character.isLetter(first)) {
        base = first;
      }
    }
    base = Character.toLowerCase(base);
    base = LATIN.getOrDefault(base, base);
    int i = CYRILLIC.indexOf(base);
    if (i >= 0) {
      return CYRILLIC_LATIN.charAt(i);
    }
    i = GREEK.indexOf(base);
    return i >= 0 ? GREEK_LATIN.charAt(i) : base;
  }

  private static final Map<Integer, Integer> LATIN =
      Map.ofEntries(
          Map.entry((int) 'ß', (int) 's'),
          Map.entry((int) 'æ', (int) 'a'),
          Map.entry((int) 'œ', (int) 'o'),
          Map.entry((int) 'ø', (int) 'o'),
          Map.entry((int) 'đ', (int) 'd'),
          Map.entry((int) 'ð', (int) 'd'),
          Map.entry((int) 'þ', (int) 't'),
          Map.entry((int) 'ł', (int) 'l'),
          Map.entry((int) 'ı', (int) 'i'),
          Map.entry((int) 'ŀ', (int) 'l'),
          Map.entry((int) 'ħ', (int) 'h'),
          Map.entry((int) 'ŧ', (int) 't'),
          Map.entry((int) 'ƒ', (int) 'f'),
          Map.entry((int) 'ĸ', (int) 'k'),
          Map.entry((int) 'ŋ', (int) 'n'));

  // Russian (а..я without ъ ь), Ukrainian і ї є ґ, then ђ ј љ њ ћ џ ѓ ќ ѕ ў; ISO 9:1995 letters.
  private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщыэюяіїєґђјљњћџѓќѕў";
  private static final String CYRILLIC_LATIN = "abvgdeezzijklmnoprstufhccssyeuaiiegdjlncdgkzu";
  private static final String GREEK = "αβγδεζηθικλμνξοπρσςτυφχψω";
  private static final String GREEK_LATIN = "avgdezitiklmnxoprsstyfcpo";

  private static float[] load() {
    float[] table = new float[SIZE];
    for (int c = 0; c < SIZE; c++) {
      table[c] = c;
    }
    try (InputStream in = CodePointFold.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        int from = Integer.parseInt(fields[0], 16);
        int to = Integer.parseInt(fields[1], 16);
        if (fields.length < 2 || from < 0 || from >= SIZE) {
          throw new IllegalStateException(RESOURCE + ", line " + number + ": bad entry " + line);
        }
        table[from] = to;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }

  /** Writes the resource's text from {@link #derive(int)} (run by CodePointFoldTest's check). */
  static String render() {
    var out = new StringBuilder();
    out.append(
        "# siamese-angular: the fold table of the \"folded\" input encoding"
            + " (graph/CodePointFold).\n");
    out.append(
        "# code point <TAB> its fold, hexadecimal; code points below 2000 not listed, and all"
            + " from\n");
    out.append(
        "# 2000 up, fold to themselves. Written by CodePointFold.derive on Java 17 (Unicode"
            + " 13.0\n");
    out.append(
        "# decompositions and case mappings, java.text.Normalizer and Character.toLowerCase),"
            + " with\n");
    out.append(
        "# Cyrillic romanised by ISO 9:1995 without diacritics, Greek by ELOT 743's first"
            + " letter.\n");
    for (int c = 0; c < SIZE; c++) {
      int f = derive(c);
      if (f != c) {
        out.append(String.format("%04X\t%04X%n", c, f));
      }
    }
    return out.toString();
  }
}
