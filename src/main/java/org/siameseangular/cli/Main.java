package org.siameseangular.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.siameseangular.data.DataException;
import org.siameseangular.match.IndexException;
import org.siameseangular.model.ModelException;
import org.siameseangular.train.DivergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar siamese-angular.jar <command>}: exit 0 on success, 2 on a usage error, 1 on a
 * failure.
 */
@Command(
    name = "siamese-angular",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Train and serve a siamese LSTM that scores string similarity by angular distance.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      ScoreCommand.class,
      MatchCommand.class,
      CalibrateCommand.class,
      DatasetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) throws Exception {
    if (NativeLogs.shouldRelaunch()) {
      System.exit(NativeLogs.relaunch(Main.class, args));
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    var cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + userMessage(e));
          if (!(isUserError(e))) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return 1;
        });
    return cli.execute(args);
  }

  private static boolean isUserError(Throwable e) {
    return e instanceof DataException
        || e instanceof ModelException
        || e instanceof DivergenceException
        || e instanceof IndexException
        || e instanceof IllegalArgumentException
        || e instanceof IOException
        || e instanceof UncheckedIOException;
  }

  private static String userMessage(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      e = u.getCause();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "siamese-angular " + (v == null ? "dev" : v) + " (TensorFlow Java 1.1.0)"
      };
    }
  }
}
