package org.siameseangular.data;

/**
 * Which letters neighbour each other on a US QWERTY keyboard.
 *
 * <p>The letter rows are {@code qwertyuiop}, {@code asdfghjkl} and {@code zxcvbnm}, each shifted
 * right by about half a key from the row above. So the key at column c of a row touches columns c-1
 * and c+1 of its own row, columns c and c+1 of the row above, and columns c-1 and c of the row
 * below. For example {@code s} touches {@code a d w e z x}, {@code q} touches {@code w a}, and
 * {@code m} touches {@code n j k}. Only letters count; digits and punctuation keys are left out.
 */
final class Keyboard {

  private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  private static final String[] NEIGHBOURS = new String[26];

  static {
    for (int row = 0; row < ROWS.length; row++) {
      for (int col = 0; col < ROWS[row].length(); col++) {
        StringBuilder near = new StringBuilder();
        addKey(near, row, col - 1);
        addKey(near, row, col + 1);
        addKey(near, row - 1, col);
        addKey(near, row - 1, col + 1);
        addKey(near, row + 1, col - 1);
        addKey(near, row + 1, col);
        NEIGHBOURS[ROWS[row].charAt(col) - 'a'] = near.toString();
      }
    }
  }

  private Keyboard() {}

  private static void addKey(StringBuilder near, int row, int col) {
    if (row >= 0 && row < ROWS.length && col >= 0 && col < ROWS[row].length()) {
      near.append(ROWS[row].charAt(col));
    }
  }

  /** The letters next to the lowercase letter c, never empty. */
  static String neighbours(char c) {
    if (c < 'a' || c > 'z') {
      throw new IllegalArgumentException("not a lowercase ASCII letter: " + c);
    }
    return NEIGHBOURS[c - 'a'];
  }
}
