package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.data.DataException;
import org.siameseangular.data.PairFiles;
import org.siameseangular.data.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Help texts, and which errors print a stack trace. */
class MessagesTest {
  @Command(name = "throw")
  static final class Thrower implements Callable<Integer> {
    final RuntimeException exception;

    Thrower(RuntimeException exception) {
      this.exception = exception;
    }

    @Override
    public Integer call() {
      throw exception;
    }
  }

  private static String errorOf(RuntimeException e) {
    var err = new StringWriter();
    int exit =
        Main.configure(
                new CommandLine(new Thrower(e)),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true))
            .execute();
    assertThat(exit).isEqualTo(1);
    return err.toString();
  }

  @Test
  void aUserErrorPrintsItsMessageWithoutAStackTrace() {
    String err = errorOf(new UserException("the data has changed since the checkpoint"));

    assertThat(err)
        .isEqualTo("error: the data has changed since the checkpoint" + System.lineSeparator());
  }

  @Test
  void anIllegalArgumentExceptionIsABugAndPrintsItsStackTrace() {
    String err = errorOf(new IllegalArgumentException("lefts and rights differ in size: 2 vs 3"));

    assertThat(err)
        .startsWith("error: lefts and rights differ in size: 2 vs 3")
        .contains("java.lang.IllegalArgumentException: lefts and rights differ")
        .contains("\tat org.siameseangular.cli.MessagesTest.");
  }

  @Test
  void datasetHelpNamesItsPlaceholders() {
    Run r = run("dataset", "--help");

    assertThat(r.out())
        .contains("--out=FILE")
        .contains("--seed=N")
        .doesNotContain("<out>", "<seed>");
  }

  @Test
  void trainHelpSaysThatLabelOneMeansSimilar() {
    assertThat(run("train", "--help").out()).contains("label 1 = similar");
  }

  @Test
  void aSemicolonSeparatedCsvGetsAHint(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("pairs.csv");
    Files.writeString(file, "left;right;label\ncolour;color;1\n");

    Run r = run("train", "--data", file.toString(), "--out", tmp.resolve("m").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("pairs.csv:1: ").contains("the line has semicolons");
  }

  @Test
  void aSemicolonSeparatedDataLineGetsTheHintToo(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("pairs.csv");
    Files.writeString(file, "left,right,label\ncolour;color;1\n");

    DataException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> PairFiles.read(file), DataException.class);

    assertThat(e)
        .hasMessageContaining("pairs.csv:2: expected 3 columns")
        .hasMessageContaining("semicolons");
  }

  @Test
  void aReportPathThatIsAFileGetsAMessageNotJustItsName(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("report.txt"), "x");

    String message =
        Main.userMessage(new java.nio.file.FileAlreadyExistsException(file.toString()));

    assertThat(message).isEqualTo(file + ": it already exists");
  }
}
