package org.siameseangular.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.siameseangular.data.StringFiles;
import org.siameseangular.match.CandidateIndex;
import org.siameseangular.match.HnswIndex;
import org.siameseangular.match.HnswSettings;
import org.siameseangular.model.ModelException;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.workflow.MatchRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Find the k candidates nearest to each query: query<TAB>rank<TAB>candidate<TAB>distance rows"
          + " on stdout, nearest first.",
      "Candidates and queries: UTF-8 files with one string per line, or a column of a .csv or"
          + " .tsv file (--column). Queries default to stdin and are answered batch by batch as"
          + " they arrive."
    })
final class MatchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel directory.")
  Path model;

  @Option(
      names = "--candidates",
      paramLabel = "FILE",
      description =
          "The strings to look among. Required unless --index is given; with --index it must be"
              + " the file the index was built from.")
  Path candidates;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description = "The strings to look up (default: stdin, one per line).")
  Path queries;

  @Option(
      names = "--k",
      paramLabel = "N",
      defaultValue = "10",
      description = "Matches per query (default: ${DEFAULT-VALUE}); more than there are: all.")
  int k;

  @Option(
      names = "--threshold",
      paramLabel = "auto|X",
      description =
          "Only matches with a distance below X; auto = the threshold stored with the model"
              + " (calibrated if it was, else the training one).")
  String threshold;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description = "The column that holds the strings in .csv and .tsv files (header line).")
  String column;

  @Option(
      names = "--exact",
      description = "Compare each query with every candidate (exact, slower on many candidates).")
  boolean exact;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Load the index saved in DIR instead of building one.")
  Path index;

  @Option(
      names = "--save-index",
      paramLabel = "DIR",
      description = "Save the index to DIR (atomically) for later runs with --index.")
  Path saveIndex;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "" + MatchRun.DEFAULT_BATCH,
      description =
          "Queries answered together (default: ${DEFAULT-VALUE}); the output for an input does not"
              + " depend on how it arrives. 1 answers each line at once.")
  int batchSize;

  @Option(
      names = "--ef",
      paramLabel = "N",
      defaultValue = "" + HnswSettings.DEFAULT_SEARCH_BEAM,
      description =
          "HNSW search beam: more finds more true neighbours, slower (default: ${DEFAULT-VALUE}).")
  int searchBeam;

  @Option(
      names = "--hnsw-m",
      paramLabel = "N",
      defaultValue = "" + HnswSettings.DEFAULT_MAX_CONNECTIONS,
      description = "HNSW links per node when building (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--hnsw-ef-construction",
      paramLabel = "N",
      defaultValue = "" + HnswSettings.DEFAULT_BEAM_WIDTH,
      description = "HNSW beam when building (default: ${DEFAULT-VALUE}).")
  int beamWidth;

  @Option(names = "--quiet", description = "No progress bars on stderr (notes still print).")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    HnswSettings settings;
    try {
      settings = new HnswSettings(maxConnections, beamWidth, searchBeam);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintStream out = System.out;
    var listener = new IndexProgressBar(System.err, quiet, NativeLogs.stderrIsTerminal());
    try (SimilarityModel m = SimilarityModel.load(model)) {
      if (!m.canEmbed()) {
        throw new ModelException(
            "the model at "
                + model
                + " has no \"embed\" signature (text -> embedding), which match needs to index the"
                + " candidates; it can only score pairs (score, evaluate). This project's exports"
                + " have one");
      }
      Double cut = cut(m, listener);
      CandidateIndex built =
          MatchRun.index(
              m,
              new MatchRun.IndexPlan(candidates, column, index, saveIndex, exact, settings),
              listener);
      if (built instanceof HnswIndex hnsw && hnsw.settings().searchBeam() != searchBeam) {
        built = hnsw.withSearchBeam(searchBeam);
      }
      try (StringFiles.Source source =
          queries == null
              ? StringFiles.lines(System.in, "stdin")
              : StringFiles.open(queries, column)) {
        long start = System.nanoTime();
        MatchRun.Answered a =
            MatchRun.answer(
                built, source, new MatchRun.QueryPlan(k, cut, batchSize), out, listener);
        listener.note(
            String.format(
                Locale.ROOT,
                "answered %,d %s in %.1f s: %,d %s%s",
                a.queries(),
                a.queries() == 1 ? "query" : "queries",
                (System.nanoTime() - start) / 1e9,
                a.rows(),
                a.rows() == 1 ? "match" : "matches",
                a.blankSkipped() == 0
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        " (%,d blank %s skipped)",
                        a.blankSkipped(),
                        a.blankSkipped() == 1 ? "line" : "lines")));
      }
    }
    return 0;
  }

  private void checkOptions() {
    if (candidates == null && index == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give the candidates (--candidates FILE) or a saved index (--index DIR)");
    }
    Checks.atLeast(spec, "--k", k, 1);
    Checks.atLeast(spec, "--batch-size", batchSize, 1);
    Checks.atLeast(spec, "--ef", searchBeam, 1);
    boolean table =
        (candidates != null && StringFiles.Layout.of(candidates) != StringFiles.Layout.LINES)
            || (queries != null && StringFiles.Layout.of(queries) != StringFiles.Layout.LINES);
    if (column != null && !table) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--column applies to .csv and .tsv files; the candidates and queries given are read one"
              + " string per line");
    }
  }

  /** The threshold, or null for none; says which one "auto" found. */
  private Double cut(SimilarityModel m, MatchRun.Listener listener) {
    if (threshold == null) {
      return null;
    }
    if (threshold.equals("auto")) {
      double t =
          m.threshold()
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          "--threshold auto: the model at "
                              + model
                              + " stores no threshold; run calibrate, or give a number"));
      listener.note(
          String.format(
              Locale.ROOT,
              "threshold %s (%s)",
              t,
              m.metadata().decisionThresholdRule().orElse("stored with the model")));
      return t;
    }
    try {
      double t = Double.parseDouble(threshold);
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--threshold must be auto or a number in [0, 1], found \"" + threshold + "\"");
  }
}
