package org.siameseangular.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.siameseangular.data.UserException;
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
    return configure(new CommandLine(new Main()), out, err).execute(args);
  }

  /**
   * Sets the streams and the handler of exceptions from a command: a {@link #isUserError user
   * error} prints {@code error: <message>}, anything else also its stack trace; both exit 1.
   */
  static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + userMessage(e));
          if (!isUserError(e)) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return 1;
        });
    return cli;
  }

  /**
   * A user's mistake gets its message alone; anything else is a bug and gets a stack trace too. An
   * I/O error (a missing file, a full disk, a permission) is the user's environment, not a bug.
   */
  static boolean isUserError(Throwable e) {
    return e instanceof UserException
        || e instanceof IOException
        || e instanceof UncheckedIOException;
  }

  static String userMessage(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      String own = u.getMessage();
      String cause = userMessage(u.getCause());
      // UncheckedIOException(cause) copies the cause's toString() as its message; say it once.
      return own == null || own.equals(u.getCause().toString()) ? cause : own + ": " + cause;
    }
    if (e instanceof FileSystemException f) {
      String what;
      if (f instanceof NoSuchFileException) {
        what = "no such file or directory";
      } else if (f instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (f instanceof FileAlreadyExistsException) {
        what = "it already exists";
      } else if (f instanceof NotDirectoryException) {
        what = "not a directory";
      } else if (f instanceof DirectoryNotEmptyException) {
        what = "the directory is not empty";
      } else {
        what = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
      }
      String path =
          f.getOtherFile() == null ? f.getFile() : f.getFile() + " -> " + f.getOtherFile();
      return path == null ? what : path + ": " + what;
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
