package org.siameseangular.workflow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.DataException;
import org.siameseangular.data.StringFiles;
import org.siameseangular.io.Decimals;
import org.siameseangular.match.CandidateIndex;
import org.siameseangular.match.ExactIndex;
import org.siameseangular.match.HnswIndex;
import org.siameseangular.match.HnswSettings;
import org.siameseangular.match.IndexException;
import org.siameseangular.match.IndexProgress;
import org.siameseangular.match.Match;
import org.siameseangular.model.SimilarityModel;

/**
 * The "match" job: candidates read from a file, indexed (or an index loaded), and queries answered
 * as they stream in, as TSV rows {@code query, rank, candidate, distance}.
 *
 * <p>Queries are answered in batches of a fixed size, so the output for a given input is the same
 * however the input arrives (an embedding may differ in its last bits with the batch it is computed
 * in); each batch is written and flushed as soon as it is full, and the last one at the end of the
 * input. A bad query line ends the run after the lines before it have been answered.
 */
public final class MatchRun {
  /** The TSV header of the output. */
  public static final String HEADER = "query\trank\tcandidate\tdistance";

  /** Queries per batch unless the caller says otherwise. */
  public static final int DEFAULT_BATCH = 256;

  private MatchRun() {}

  /** Hears what the run does: progress of a build, and notes for the user (one line each). */
  public interface Listener extends IndexProgress {
    void note(String message);
  }

  /**
   * Where the candidates come from and where the index goes.
   *
   * @param candidates the candidates file (one per line, or a CSV/TSV column); may be null when
   *     {@code load} is given, else it must hold the candidates the loaded index was built from
   * @param column the column of a CSV/TSV file; null for one string per line
   * @param load a saved index to load instead of building one, or null
   * @param save where to save the index, or null
   * @param exact brute-force search instead of the HNSW graph (also on a loaded HNSW index)
   * @param hnsw the graph's settings when one is built
   */
  public record IndexPlan(
      Path candidates, String column, Path load, Path save, boolean exact, HnswSettings hnsw) {
    public IndexPlan {
      if (candidates == null && load == null) {
        throw new IllegalArgumentException("candidates or an index to load are required");
      }
    }
  }

  /**
   * What to answer.
   *
   * @param k matches per query, at most
   * @param threshold only matches with a distance below it, or null for all {@code k}
   * @param batchSize queries per batch
   */
  public record QueryPlan(int k, Double threshold, int batchSize) {
    public QueryPlan {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, found " + k);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("the batch size must be at least 1, found " + batchSize);
      }
    }
  }

  /**
   * What was answered.
   *
   * @param queries queries answered
   * @param rows result rows written
   * @param blankSkipped blank query lines skipped
   */
  public record Answered(long queries, long rows, int blankSkipped) {}

  /**
   * Builds or loads the index the plan asks for, saving it when asked; the save target is checked
   * before any work.
   */
  public static CandidateIndex index(SimilarityModel model, IndexPlan plan, Listener listener)
      throws IOException {
    if (plan.save() != null) {
      CandidateIndex.checkSaveTarget(plan.save());
    }
    CandidateIndex index;
    if (plan.load() != null) {
      long start = System.nanoTime();
      index = CandidateIndex.load(plan.load(), model);
      listener.note(
          String.format(
              Locale.ROOT,
              "loaded the index at %s: %,d candidates in %.1f s",
              plan.load(),
              index.size(),
              (System.nanoTime() - start) / 1e9));
      refuseUnprintable(index, plan.load());
      if (plan.candidates() != null) {
        checkSameCandidates(index, read(plan, listener), plan.load());
      }
      if (plan.exact() && index instanceof HnswIndex hnsw) {
        index = hnsw.exact();
      }
    } else {
      StringFiles.StringList candidates = read(plan, listener);
      index =
          plan.exact()
              ? ExactIndex.build(model, candidates.texts(), listener)
              : HnswIndex.build(model, candidates.texts(), plan.hnsw(), listener);
    }
    if (plan.save() != null) {
      long start = System.nanoTime();
      index.save(plan.save());
      listener.note(
          String.format(
              Locale.ROOT,
              "index saved to %s in %.1f s",
              plan.save(),
              (System.nanoTime() - start) / 1e9));
    }
    return index;
  }

  /** Reads and checks the candidates file, noting blank lines and duplicates once. */
  private static StringFiles.StringList read(IndexPlan plan, Listener listener) {
    Path file = plan.candidates();
    StringFiles.StringList list = StringFiles.readAll(file, plan.column());
    if (list.texts().isEmpty()) {
      throw new DataException(
          file,
          0,
          file
              + " holds no candidates"
              + (list.blankSkipped() > 0 ? " (only " + list.blankSkipped() + " blank lines)" : "")
              + "; expected one string per line"
              + (plan.column() == null ? "" : " in column " + plan.column()));
    }
    for (int i = 0; i < list.texts().size(); i++) {
      String problem = unprintable(list.texts().get(i));
      if (problem != null) {
        throw new DataException(file, list.lines()[i], "the candidate " + problem);
      }
    }
    if (list.blankSkipped() > 0) {
      listener.note(file + ": skipped " + count(list.blankSkipped(), "blank line", "blank lines"));
    }
    noteDuplicates(list, listener);
    return list;
  }

  private static void noteDuplicates(StringFiles.StringList list, Listener listener) {
    List<String> texts = list.texts();
    var first = new HashMap<String, Integer>(Math.max(16, texts.size() * 4 / 3 + 1));
    int extra = 0;
    int exampleFirst = -1;
    int exampleAgain = -1;
    var repeated = new HashMap<String, Boolean>();
    for (int i = 0; i < texts.size(); i++) {
      Integer seen = first.putIfAbsent(texts.get(i), i);
      if (seen != null) {
        extra++;
        repeated.put(texts.get(i), Boolean.TRUE);
        if (exampleAgain < 0) {
          exampleFirst = seen;
          exampleAgain = i;
        }
      }
    }
    if (extra > 0) {
      listener.note(
          String.format(
              Locale.ROOT,
              "%s: %s more than once (%s), e.g. \"%s\" on lines %d and %d; each line is kept as"
                  + " its own candidate",
              list.name(),
              count(repeated.size(), "string occurs", "strings occur"),
              count(extra, "repeated line", "repeated lines"),
              texts.get(exampleFirst),
              list.lines()[exampleFirst],
              list.lines()[exampleAgain]));
    }
  }

  /** A loaded index must hold the candidates of the file given with it, in order. */
  private static void checkSameCandidates(
      CandidateIndex index, StringFiles.StringList list, Path dir) {
    int n = Math.min(index.size(), list.texts().size());
    for (int i = 0; i < n; i++) {
      if (!index.candidate(i).equals(list.texts().get(i))) {
        throw new DataException(
            null,
            0,
            list.name()
                + ":"
                + list.lines()[i]
                + ": the index at "
                + dir
                + " was built from other candidates: its candidate "
                + (i + 1)
                + " is \""
                + index.candidate(i)
                + "\". Give the file it was built from, leave out --candidates, or rebuild the"
                + " index without --index");
      }
    }
    if (index.size() != list.texts().size()) {
      throw new DataException(
          null,
          0,
          "the index at "
              + dir
              + " holds "
              + index.size()
              + " candidates, "
              + list.name()
              + " "
              + list.texts().size()
              + ". Give the file it was built from, leave out --candidates, or rebuild the index"
              + " without --index");
    }
  }

  private static void refuseUnprintable(CandidateIndex index, Path dir) {
    for (int i = 0; i < index.size(); i++) {
      String problem = unprintable(index.candidate(i));
      if (problem != null) {
        throw new IndexException(
            "the index at " + dir + " has a candidate (number " + (i + 1) + ") that " + problem);
      }
    }
  }

  /** {@code "1 blank line"}, {@code "2,345 blank lines"}. */
  static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  /** Why {@code s} cannot be a TSV field, or null. */
  private static String unprintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        return "contains a "
            + (c == '\t' ? "tab" : "line break")
            + ", which the tab-separated output cannot hold";
      }
    }
    return null;
  }

  /**
   * Answers every query of {@code queries} against {@code index}, writing {@link #HEADER} and then
   * the rows to {@code out} batch by batch (flushed after each).
   */
  public static Answered answer(
      CandidateIndex index,
      StringFiles.Source queries,
      QueryPlan plan,
      PrintStream out,
      Listener listener) {
    if (plan.k() > index.size()) {
      listener.note(
          String.format(
              Locale.ROOT,
              "--k %d is more than the %,d candidates: each query lists all of them",
              plan.k(),
              index.size()));
    }
    out.println(HEADER);
    out.flush();
    var batch = new ArrayList<String>(Math.min(plan.batchSize(), 4096));
    long answered = 0;
    long rows = 0;
    while (true) {
      StringFiles.Entry e;
      try {
        e = queries.next();
      } catch (DataException bad) {
        write(index, batch, plan, out);
        throw bad;
      }
      if (e == null) {
        break;
      }
      String problem = unprintable(e.text());
      if (problem != null) {
        write(index, batch, plan, out);
        throw new DataException(
            null, e.line(), queries.name() + ":" + e.line() + ": the query " + problem);
      }
      batch.add(e.text());
      if (batch.size() == plan.batchSize()) {
        answered += batch.size();
        rows += write(index, batch, plan, out);
      }
    }
    answered += batch.size();
    rows += write(index, batch, plan, out);
    return new Answered(answered, rows, queries.blankSkipped());
  }

  /** Answers and clears {@code batch}; returns the rows written. */
  private static long write(
      CandidateIndex index, List<String> batch, QueryPlan plan, PrintStream out) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<List<Match>> found = index.topK(batch, plan.k());
    var text = new StringBuilder();
    long rows = 0;
    for (int q = 0; q < batch.size(); q++) {
      int rank = 0;
      for (Match m : found.get(q)) {
        if (plan.threshold() != null && !(m.distance() < plan.threshold())) {
          break;
        }
        text.append(batch.get(q))
            .append('\t')
            .append(++rank)
            .append('\t')
            .append(m.text())
            .append('\t')
            .append(Decimals.format(m.distance()))
            .append('\n');
        rows++;
      }
    }
    out.print(text);
    out.flush();
    batch.clear();
    return rows;
  }
}
