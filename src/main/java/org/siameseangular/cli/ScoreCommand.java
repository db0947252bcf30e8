package org.siameseangular.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.data.Texts;
import org.siameseangular.io.Decimals;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.workflow.TableScoring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the angular distance of a pair (0 = same direction = similar, 1 = opposite).",
      "With no pair, read left<TAB>right lines from stdin and write one distance per line, in"
          + " order; a blank line, or one with an empty left or right, gives an empty line.",
      "With --data IN --out OUT, score a CSV/TSV table: every column of IN is written to OUT"
          + " with a distance column appended (and similar, true/false, with --threshold).",
      "Identical strings score about 0.00045, not 0: the model clips the cosine to 1 - 1e-6"
          + " before acos, so that acos and its gradient stay finite."
    })
final class ScoreCommand implements Callable<Integer> {
  /**
   * Lines of stdin scored in one batch when it is not a terminal. Fixed, so that which pairs share
   * a session run (and so the last bits of their distances) never depends on how the input arrives.
   */
  static final int STREAM_BATCH = 1024;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory.")
  Path model;

  @CommandLine.Mixin SignatureOptions signature = new SignatureOptions();

  @Option(
      names = "--threshold",
      paramLabel = "auto|X",
      description =
          "Also print similar/different: below X is similar; auto = the threshold stored with the"
              + " model.")
  String threshold;

  @Option(
      names = "--line-buffered",
      description =
          "Score and answer each stdin line as soon as it arrives (for a program that writes a pair"
              + " and waits for its distance); the default when stdin and stdout are a terminal."
              + " Otherwise lines are scored in batches of "
              + STREAM_BATCH
              + ", written as each batch is complete.")
  boolean lineBuffered;

  @Option(
      names = "--data",
      paramLabel = "IN",
      description =
          "A table to score, .csv (RFC 4180 quoting) or .tsv, with a header line; needs --out.")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "OUT",
      description =
          "Where to write the scored table (.csv or .tsv; not IN), atomically: nothing is written"
              + " if a row is bad.")
  Path out;

  @Option(
      names = "--left-col",
      paramLabel = "NAME",
      description = "The column of IN with the left strings (default: ${DEFAULT-VALUE}).")
  String leftColumn = "left";

  @Option(
      names = "--right-col",
      paramLabel = "NAME",
      description = "The column of IN with the right strings (default: ${DEFAULT-VALUE}).")
  String rightColumn = "right";

  @Parameters(
      arity = "0..*",
      paramLabel = "TEXT",
      description = "LEFT RIGHT: one pair. Quote a string that holds spaces: \"John Smith\".")
  List<String> pair = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    checkPositionals();
    checkTableOptions();
    try (SimilarityModel m = SimilarityModel.load(model, signature.toLoadOptions())) {
      Double cut = cut(m);
      if (data != null) {
        return scoreTable(m, cut);
      }
      if (pair.size() == 2) {
        System.out.println(format(m.distance(pair.get(0), pair.get(1)), cut));
        return 0;
      }
      boolean interactive = lineBuffered || System.console() != null;
      var scoring = new StdinScoring(m, cut, interactive ? 1 : STREAM_BATCH);
      if (!scoring.run(System.in, System.out)) {
        System.err.println("error: cannot write to stdout (closed?); stopped reading stdin");
        return 1;
      }
      return 0;
    }
  }

  private int scoreTable(SimilarityModel m, Double cut) throws IOException {
    TableScoring.Summary s = TableScoring.run(m, data, out, leftColumn, rightColumn, cut);
    System.err.printf(
        Locale.ROOT,
        "scored %d rows of %s into %s (%d distinct strings embedded)%s%s%n",
        s.rows(),
        data,
        out,
        s.embedded(),
        s.missing() > 0
            ? "; " + s.missing() + " rows with an empty left or right string got an empty distance"
            : "",
        s.blankLines() > 0 ? "; skipped " + s.blankLines() + " blank lines" : "");
    return 0;
  }

  /** Usage errors about --data, --out and the column options, before the model is loaded. */
  private void checkTableOptions() throws IOException {
    boolean table = data != null || out != null;
    if (!table) {
      for (String option : List.of("--left-col", "--right-col")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), option + " needs --data IN --out OUT");
        }
      }
      return;
    }
    if (data == null || out == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          (data == null ? "--out needs --data IN" : "--data needs --out OUT")
              + ": score --model DIR --data IN.csv --out OUT.csv");
    }
    if (!pair.isEmpty() || lineBuffered) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--data scores a table; strings on the command line and --line-buffered do not go with"
              + " it");
    }
    TableScoring.checkPaths(data, out);
  }

  /** Usage errors about the positional strings, before the model is loaded. */
  private void checkPositionals() {
    if (pair.size() == 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "score takes two strings (LEFT RIGHT), or none to read pairs from stdin; found one");
    }
    if (pair.size() > 2) {
      var quoted = new StringBuilder();
      for (String s : pair) {
        quoted.append(quoted.length() == 0 ? "" : " ").append('"').append(s).append('"');
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "score takes two strings (LEFT RIGHT), found "
              + pair.size()
              + ": "
              + Texts.abbreviate(quoted.toString(), 200)
              + ". Quote each string that holds spaces, e.g. score --model DIR \"John Smith\""
              + " \"Jon Smith\"");
    }
  }

  private Double cut(SimilarityModel m) {
    if (threshold == null) {
      return null;
    }
    if (threshold.equals("auto")) {
      return m.threshold()
          .orElseThrow(
              () ->
                  new CommandLine.ParameterException(
                      spec.commandLine(),
                      "--threshold auto: the model at "
                          + model
                          + " stores no threshold; give a number"));
    }
    try {
      double t = Double.parseDouble(threshold);
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--threshold must be auto or a number in [0, 1], found \"" + threshold + "\"");
  }

  /** A distance as a plain decimal (see {@link Decimals}), with the verdict when there is a cut. */
  static String format(float distance, Double cut) {
    String d = Decimals.format(distance);
    return cut == null ? d : d + "\t" + (distance < cut ? "similar" : "different");
  }
}
