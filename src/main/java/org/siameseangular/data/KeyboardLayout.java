package org.siameseangular.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Which letters neighbour each other on a keyboard layout, for realistic typos in any script.
 *
 * <p>A layout is its three (or four) rows of letter keys, unshifted, each row shifted right by
 * about half a key from the row above, exactly as {@link Keyboard} models US QWERTY: the key at
 * column c touches columns c-1 and c+1 of its row, c and c+1 of the row above, c-1 and c of the row
 * below. Only the letter keys of each layout are listed; rows were read off the layouts named on
 * each constant (the standard national layouts as shipped by common operating systems).
 */
final class KeyboardLayout {

  /** US QWERTY, the layout of {@link Keyboard}. */
  static final KeyboardLayout QWERTY = new KeyboardLayout("qwertyuiop", "asdfghjkl", "zxcvbnm");

  /** Russian JCUKEN (ЙЦУКЕН). */
  static final KeyboardLayout RUSSIAN =
      new KeyboardLayout("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю");

  /** Ukrainian JCUKEN: Russian with і, ї, є in place of ы, ъ, э. */
  static final KeyboardLayout UKRAINIAN =
      new KeyboardLayout("йцукенгшщзхї", "фівапролджє", "ячсмитьбю");

  /** Bulgarian phonetic (ЯВЕРТЪ), the most used layout in Bulgaria. */
  static final KeyboardLayout BULGARIAN =
      new KeyboardLayout("явертъуиопшщ", "асдфгхйкл", "зьцжбнм");

  /** Greek (the Greek layout on the QWERTY key positions). */
  static final KeyboardLayout GREEK = new KeyboardLayout("ςερτυθιοπ", "ασδφγηξκλ", "ζχψωβνμ");

  /** Hebrew SI-1452 (letters only; the first two keys of the top row are punctuation). */
  static final KeyboardLayout HEBREW = new KeyboardLayout("קראטוןםפ", "שדגכעיחלךף", "זסבהנמצתץ");

  /** Arabic 101 (the lam-alef key, which types two letters, is left out). */
  static final KeyboardLayout ARABIC =
      new KeyboardLayout("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ");

  /** Persian standard (ISIRI 9147). */
  static final KeyboardLayout PERSIAN =
      new KeyboardLayout("ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو");

  /** Thai Kedmanee (unshifted letter and vowel-sign keys). */
  static final KeyboardLayout THAI =
      new KeyboardLayout("ๆไำพะัีรนยบลฃ", "ฟหกดเ้่าสวง", "ผปแอิืทมใฝ");

  /** Georgian (Mkhedruli on the QWERTY positions of the matching Latin letters). */
  static final KeyboardLayout GEORGIAN = new KeyboardLayout("ქწერტყუიოპ", "ასდფგჰჯკლ", "ზხცვბნმ");

  /** Devanagari InScript (unshifted keys of the three letter rows). */
  static final KeyboardLayout INSCRIPT =
      new KeyboardLayout("ौैाीूबहगदजड", "ोे्िुपरकतचट", "ॆंमनवलसय");

  private final Map<Integer, int[]> neighbours = new HashMap<>();

  private KeyboardLayout(String... rows) {
    int[][] keys = new int[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      keys[r] = rows[r].codePoints().toArray();
    }
    for (int r = 0; r < keys.length; r++) {
      for (int c = 0; c < keys[r].length; c++) {
        StringBuilder near = new StringBuilder();
        add(near, keys, r, c - 1);
        add(near, keys, r, c + 1);
        add(near, keys, r - 1, c);
        add(near, keys, r - 1, c + 1);
        add(near, keys, r + 1, c - 1);
        add(near, keys, r + 1, c);
        neighbours.put(keys[r][c], near.codePoints().toArray());
      }
    }
  }

  private static void add(StringBuilder near, int[][] keys, int r, int c) {
    if (r >= 0 && r < keys.length && c >= 0 && c < keys[r].length) {
      near.appendCodePoint(keys[r][c]);
    }
  }

  /** The keys next to code point cp, or null if cp is not a key of this layout. */
  int[] neighbours(int cp) {
    return neighbours.get(cp);
  }
}
