package org.siameseangular.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One command line run through {@link Main#run} (in this JVM, no child), with stdin given and
 * everything it printed: picocli's writers and System.out / System.err.
 */
record CommandRun(int exit, String out, String err, String stdout, String stderr) {
  static CommandRun of(String stdin, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new CommandRun(
        exit,
        out.toString(),
        err.toString(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  static CommandRun of(List<String> args) {
    return of("", args.toArray(String[]::new));
  }

  /** Everything written to stderr, by picocli or the command. */
  String allErr() {
    return err + stderr;
  }

  /** The lines of stdout. */
  List<String> lines() {
    return Arrays.asList(stdout.split("\n", -1))
        .subList(0, Math.max(0, stdout.split("\n", -1).length - 1));
  }

  @Override
  public String toString() {
    return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + allErr();
  }
}
