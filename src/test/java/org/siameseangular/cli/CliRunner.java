package org.siameseangular.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;

/**
 * Test support: runs a command line through {@link Main#run} (no child JVM) with the given stdin,
 * capturing picocli's writers and what the commands print with System.out and System.err.
 */
final class CliRunner {
  private CliRunner() {}

  /** Exit code, picocli's out and err writers, and what went to System.out and System.err. */
  record Run(int exit, String out, String err, String stdout, String stderr) {
    String allErr() {
      return err + stderr;
    }
  }

  /**
   * The first 200 default pairs, written to {@code dir/pairs.csv}: data for a tiny training run.
   */
  static Path smallPairs(Path dir) {
    Path data = dir.resolve("pairs.csv");
    PairFiles.write(data, DefaultDataset.defaultPairs().subList(0, 200));
    return data;
  }

  /**
   * A tiny training run, {@code train --data DATA --out OUT --units 3 --epochs 1}, then {@code
   * extra}.
   */
  static Run trainTiny(Path data, Path out, String... extra) {
    var args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--units",
                "3",
                "--epochs",
                "1"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  /** {@link #trainTiny} with {@code --quiet} after {@code extra}. */
  static Run trainTinyQuiet(Path data, Path out, String... extra) {
    var args = new ArrayList<>(List.of(extra));
    args.add("--quiet");
    return trainTiny(data, out, args.toArray(String[]::new));
  }

  static Run run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  static Run runWithStdin(String stdin, String... args) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  static Run run(InputStream stdin, String... args) {
    var stdout = new ByteArrayOutputStream();
    return run(stdin, stdout, args);
  }

  /**
   * Runs with System.out going to {@code stdout}; the Run's stdout is its text when it is a byte
   * array stream.
   */
  static Run run(InputStream stdin, OutputStream stdout, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var stderr = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      System.setIn(stdin);
      exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new Run(
        exit,
        out.toString(),
        err.toString(),
        stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "",
        stderr.toString(StandardCharsets.UTF_8));
  }
}
