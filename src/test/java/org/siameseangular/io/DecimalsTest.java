package org.siameseangular.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test
  void smallNumbersHaveNoExponent() {
    assertThat(Decimals.format(4.5313712E-4f)).isEqualTo("0.00045313712");
    assertThat(Decimals.format(1e-10f)).isEqualTo("0.0000000001");
  }

  @Test
  void ordinaryNumbersKeepTheirShortDigits() {
    assertThat(Decimals.format(0.164f)).isEqualTo("0.164");
    assertThat(Decimals.format(0.5f)).isEqualTo("0.5");
    assertThat(Decimals.format(1f)).isEqualTo("1");
    assertThat(Decimals.format(0f)).isEqualTo("0");
    assertThat(Decimals.format(-2.5f)).isEqualTo("-2.5");
    assertThat(Decimals.format(1.5e6f)).isEqualTo("1500000");
  }

  @Test
  void nonFiniteValuesAreSpelledOut() {
    assertThat(Decimals.format(Float.NaN)).isEqualTo("NaN");
    assertThat(Decimals.format(Float.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void everyFormattedFloatReadsBackBitForBit() {
    var random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      float f = Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(f)) {
        continue;
      }
      String s = Decimals.format(f);
      assertThat(s).doesNotContain("E");
      assertThat(Float.floatToIntBits(Float.parseFloat(s)))
          .as(s)
          .isEqualTo(Float.floatToIntBits(f));
    }
  }

  @Test
  void formattedDistancesSortNumericallyAsStrings() {
    // sort -n compares the leading numeric value: plain decimals in [0, 1] keep their order.
    float[] values = {4.5313712E-4f, 0.0016775816f, 0.164f, 0.5f, 1f};
    for (int i = 1; i < values.length; i++) {
      assertThat(Double.parseDouble(Decimals.format(values[i - 1])))
          .isLessThan(Double.parseDouble(Decimals.format(values[i])));
    }
  }

  @Test
  void doublesHaveNoExponentAndReadBackBitForBit() {
    assertThat(Decimals.format(1e-4)).isEqualTo("0.0001");
    assertThat(Decimals.format(0.005)).isEqualTo("0.005");
    var random = new SplittableRandom(8);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong()) % 1e6;
      if (!Double.isFinite(d)) {
        continue;
      }
      String s = Decimals.format(d);
      assertThat(s).doesNotContain("E");
      assertThat(Double.doubleToLongBits(Double.parseDouble(s)))
          .as(s)
          .isEqualTo(Double.doubleToLongBits(d));
    }
  }
}
