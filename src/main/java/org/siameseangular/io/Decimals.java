package org.siameseangular.io;

import java.math.BigDecimal;

/**
 * Numbers as people and {@code sort -n} read them: plain decimals, never scientific notation.
 *
 * <p>{@link #format(float)} writes the digits of {@link Float#toString(float)} (enough to read the
 * same float32 back) without an exponent: {@code 4.5313712E-4} becomes {@code 0.00045313712}.
 */
public final class Decimals {
  private Decimals() {}

  /**
   * {@code value} as a plain decimal that parses back ({@link Float#parseFloat}) to the same
   * float32; {@code NaN}, {@code Infinity} and {@code -Infinity} as Java spells them.
   */
  public static String format(float value) {
    if (!Float.isFinite(value)) {
      return Float.toString(value);
    }
    if (value == 0f) {
      return (Float.floatToRawIntBits(value) < 0) ? "-0" : "0";
    }
    return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code value} as a plain decimal that parses back ({@link Double#parseDouble}) to the same
   * double: the digits of {@link Double#toString(double)} without an exponent ({@code 1.0E-4}
   * becomes {@code 0.0001}); {@code NaN} and the infinities as Java spells them.
   */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
