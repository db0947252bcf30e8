package org.siameseangular.eval;

/**
 * A confidence interval for a proportion by Wilson's score method (E. B. Wilson, "Probable
 * inference, the law of succession, and statistical inference", JASA 22, 1927): with {@code p} =
 * successes / n and {@code z} the normal quantile,
 *
 * <pre>
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n)
 *   half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
 * </pre>
 *
 * Unlike the normal approximation it stays inside [0, 1] and does not collapse to a point at p = 0
 * or 1, which is where a calibrated precision often lies.
 *
 * @param low the lower bound
 * @param high the upper bound
 */
public record WilsonInterval(double low, double high) {
  /** The two-sided 95 % normal quantile, Phi^-1(0.975). */
  public static final double Z95 = 1.959963984540054;

  /** The 95 % interval of {@code successes} out of {@code n}; [0, 1] when {@code n} is 0. */
  public static WilsonInterval of(long successes, long n) {
    return of(successes, n, Z95);
  }

  /** The interval of {@code successes} out of {@code n} for the normal quantile {@code z}. */
  public static WilsonInterval of(long successes, long n, double z) {
    if (successes < 0 || successes > n) {
      throw new IllegalArgumentException(successes + " successes out of " + n);
    }
    if (n == 0) {
      return new WilsonInterval(0, 1);
    }
    double p = successes / (double) n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
