package org.siameseangular.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Test support: the command line through {@link Main#run} in this JVM (never a child JVM), with
 * stdin given and everything it prints captured: picocli's writers and System.out / System.err,
 * which the commands print results and progress with.
 */
final class InProcessCli {
  private InProcessCli() {}

  /** Exit code; picocli's out and err writers; what went to System.out and System.err. */
  record Run(int exit, String out, String err, String stdout, String stderr) {
    /** Everything meant for stderr: picocli's err writer and System.err. */
    String allErr() {
      return err + stderr;
    }
  }

  static Run run(String... args) {
    return runWithStdin("", args);
  }

  static synchronized Run runWithStdin(String stdin, String... args) {
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
    return new Run(
        exit,
        out.toString(),
        err.toString(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }
}
