package org.siameseangular.dev;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Developer tools that are not part of the product jar (they live in the test sources): the Java
 * half of python-export/benchmark.py ({@code bench}) and of the Keras training-parity check ({@code
 * trace}). Run with the jar and the test classes on the class path:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * TF_CPP_MIN_LOG_LEVEL=2 java -cp target/siamese-angular.jar:target/test-classes \
 *     org.siameseangular.dev.DevTools trace --help
 * </pre>
 */
@Command(
    name = "dev-tools",
    mixinStandardHelpOptions = true,
    description = "Developer tools for the benchmark and the Keras parity check.",
    subcommands = {
      TraceCommand.class,
      BenchCommand.class,
      MatchDataCommand.class,
      MatchReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DevTools implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line with the given streams; returns the exit code (2 on a usage error). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    var cli = new CommandLine(new DevTools());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** A usage error (exit 2) unless {@code value >= min}. */
  static void atLeast(CommandLine.Model.CommandSpec spec, String option, long value, long min) {
    if (value < min) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be >= " + min + ", found " + value);
    }
  }
}
