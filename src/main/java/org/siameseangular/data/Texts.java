package org.siameseangular.data;

/** User text quoted back in messages. */
public final class Texts {
  /** Longest excerpt of user text quoted back in a message, in code points. */
  public static final int EXCERPT_CODE_POINTS = 60;

  private Texts() {}

  /**
   * {@code s} itself when it has at most {@code max} code points, else its first {@code max} code
   * points followed by {@code ...}. Cut by code point, never between the two halves of a surrogate
   * pair (an emoji, a CJK extension B character), so the excerpt is valid UTF-16 and prints.
   */
  public static String abbreviate(String s, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, found " + max);
    }
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max)) + "...";
  }

  /** {@link #abbreviate} to {@link #EXCERPT_CODE_POINTS}. */
  public static String abbreviate(String s) {
    return abbreviate(s, EXCERPT_CODE_POINTS);
  }
}
