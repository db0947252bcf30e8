package org.siameseangular.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.siameseangular.data.DataException;
import org.siameseangular.model.SimilarityModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Print the angular distance of a pair (0 = similar, 1 = opposite).",
      "With no pair, read left<TAB>right lines from stdin and write one distance per line,"
          + " streaming."
    })
final class ScoreCommand implements Callable<Integer> {
  /** Lines gathered into one session run while more input is already waiting. */
  static final int STREAM_BATCH = 1024;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory.")
  Path model;

  @Option(
      names = "--threshold",
      paramLabel = "auto|X",
      description =
          "Also print similar/different: below X is similar; auto = the threshold stored with the"
              + " model.")
  String threshold;

  @Parameters(arity = "0..2", paramLabel = "TEXT", description = "LEFT RIGHT")
  List<String> pair = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (pair.size() == 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "score takes two strings (LEFT RIGHT), or none to read pairs from stdin; found one");
    }
    PrintStream out = System.out;
    try (SimilarityModel m = SimilarityModel.load(model)) {
      Double cut = cut(m);
      if (pair.size() == 2) {
        out.println(format(m.distance(pair.get(0), pair.get(1)), cut));
        return 0;
      }
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      List<String> lefts = new ArrayList<>();
      List<String> rights = new ArrayList<>();
      long lineNumber = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
          flush(
              m,
              lefts,
              rights,
              cut,
              out,
              lineNumber - 1); // the lines before it still get their answers
          // DataException prefixes file:line only when there is a file; stdin has none, so say the
          // line here.
          throw new DataException(
              null,
              lineNumber,
              "stdin, line "
                  + lineNumber
                  + ": expected left<TAB>right, found "
                  + (tab < 0 ? "no tab" : "more than one tab")
                  + " in \""
                  + abbreviate(line)
                  + "\"");
        }
        lefts.add(line.substring(0, tab));
        rights.add(line.substring(tab + 1));
        if (lefts.size() >= STREAM_BATCH || !in.ready()) {
          flush(m, lefts, rights, cut, out, lineNumber);
        }
      }
      flush(m, lefts, rights, cut, out, lineNumber);
      return 0;
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

  private static void flush(
      SimilarityModel m,
      List<String> lefts,
      List<String> rights,
      Double cut,
      PrintStream out,
      long lastLine) {
    if (lefts.isEmpty()) {
      return;
    }
    float[] d;
    try {
      d = m.distances(lefts, rights);
    } catch (IllegalArgumentException e) {
      throw new DataException(
          null,
          0,
          "stdin, lines " + (lastLine - lefts.size() + 1) + "-" + lastLine + ": " + e.getMessage());
    }
    var sb = new StringBuilder();
    for (float v : d) {
      sb.append(format(v, cut)).append('\n');
    }
    out.print(sb);
    out.flush();
    lefts.clear();
    rights.clear();
  }

  static String format(float distance, Double cut) {
    String d = Float.toString(distance);
    return cut == null ? d : d + "\t" + (distance < cut ? "similar" : "different");
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
