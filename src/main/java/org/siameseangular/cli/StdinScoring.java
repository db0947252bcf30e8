package org.siameseangular.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.siameseangular.data.DataException;
import org.siameseangular.data.PairLines;
import org.siameseangular.model.SimilarityModel;

/**
 * {@code score} on stdin: one output line per input line, in order, in batches of a fixed number of
 * lines.
 *
 * <p>Which pairs share a session run changes the last bits of their distances (the CPU kernels
 * block a batch differently from a single row), so batches are cut by line count, never by how the
 * input happens to arrive: the output for a given input is the same bytes however it is piped. Each
 * batch is written and flushed as soon as it is complete, and the last one at the end of the input.
 * With a batch of one line (a terminal, or {@code --line-buffered}) every line is answered before
 * the next is read, and scored exactly as {@code score LEFT RIGHT} scores it.
 *
 * <p>A blank line, or a line whose left or right string is empty, gives an empty output line. A bad
 * line ends the run with an error naming it, after the lines before it have been written.
 */
final class StdinScoring {
  private final SimilarityModel model;
  private final Double cut;
  private final int batch;

  /**
   * @param cut the threshold for the similar/different column, or null for none
   * @param batch lines per session run
   */
  StdinScoring(SimilarityModel model, Double cut, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, found " + batch);
    }
    this.model = model;
    this.cut = cut;
    this.batch = batch;
  }

  /**
   * Scores every line of {@code in} onto {@code out}.
   *
   * @return false when {@code out} failed (a closed pipe): reading stopped there
   * @throws DataException for a bad line, after writing the results of the lines before it
   */
  boolean run(InputStream in, PrintStream out) throws IOException {
    var lines = new PairLines(in, "stdin");
    List<PairLines.Line> pending = new ArrayList<>(batch);
    try {
      for (PairLines.Line line = lines.next(); line != null; line = lines.next()) {
        pending.add(line);
        if (pending.size() == batch && !write(pending, out)) {
          return false;
        }
      }
    } catch (DataException | IOException e) {
      write(pending, out);
      throw e;
    }
    return write(pending, out);
  }

  /** Scores and writes {@code lines}, then empties it; false when {@code out} failed. */
  private boolean write(List<PairLines.Line> lines, PrintStream out) {
    if (lines.isEmpty()) {
      return true;
    }
    List<String> lefts = new ArrayList<>(lines.size());
    List<String> rights = new ArrayList<>(lines.size());
    for (PairLines.Line line : lines) {
      if (line.hasPair()) {
        lefts.add(line.left());
        rights.add(line.right());
      }
    }
    float[] d = lefts.isEmpty() ? new float[0] : model.distances(lefts, rights);
    var text = new StringBuilder();
    int k = 0;
    for (PairLines.Line line : lines) {
      if (line.hasPair()) {
        text.append(ScoreCommand.format(d[k++], cut));
      }
      text.append('\n');
    }
    lines.clear();
    out.print(text);
    out.flush();
    return !out.checkError();
  }
}
