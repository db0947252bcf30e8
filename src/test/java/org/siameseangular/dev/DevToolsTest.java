package org.siameseangular.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siameseangular.cli.Main;

/**
 * The developer tools answer on their own launcher, and the product command line has none of them.
 */
class DevToolsTest {
  private record Run(int exit, String out, String err) {}

  private static Run dev(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int exit = DevTools.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"trace", "bench"})
  void helpOfEachToolExitsZeroWithUsage(String command) {
    Run r = dev(command, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage:").contains(command);
  }

  @Test
  void traceNamesTheKnownPoolingsForAnUnknownOne() {
    Run r = dev("trace", "--data", "pairs.csv", "--out", "trace.json", "--pooling", "mean");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--pooling").contains("\"mean\"").contains("mean-bag");
  }

  @ParameterizedTest
  @ValueSource(strings = {"trace", "bench"})
  void theProductCommandLineDoesNotKnowTheTool(String command) {
    var err = new StringWriter();
    int exit =
        Main.run(
            new String[] {command},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(command);
  }
}
