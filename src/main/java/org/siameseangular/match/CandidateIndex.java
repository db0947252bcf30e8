package org.siameseangular.match;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.siameseangular.data.PublicApi;
import org.siameseangular.model.SimilarityModel;

/**
 * Candidate strings embedded once, looked up by angular distance: the {@code k} candidates nearest
 * to a query. Two kinds: {@link ExactIndex} (brute force, exact) and {@link HnswIndex}
 * (approximate, fast on millions).
 *
 * <pre>{@code
 * try (var model = SimilarityModel.load(Path.of("models/siamese-lstm"))) {
 *   CandidateIndex index = HnswIndex.build(model, names);
 *   index.save(Path.of("names.index"));
 *   for (Match m : index.topK("Jon Smiht", 10)) {
 *     System.out.println(m.text() + "\t" + m.distance());
 *   }
 *   // later, in another process: CandidateIndex.load(Path.of("names.index"), model)
 * }
 * }</pre>
 *
 * <p>Results are ordered by increasing distance, ties by increasing candidate index. Duplicate
 * candidates are kept (each is its own result, embedded once); {@code k} larger than the number of
 * candidates returns them all. An index uses the model it was built or loaded with to embed
 * queries, and does not close it. Indexes are immutable and thread-safe; their searches run on the
 * common fork-join pool.
 */
@PublicApi
public sealed interface CandidateIndex permits ExactIndex, HnswIndex {

  /** The {@code k} candidates nearest to {@code query}, nearest first. */
  List<Match> topK(String query, int k);

  /**
   * {@link #topK(String, int)} for each query, in order; the queries are embedded together
   * (repeated queries once) and searched in parallel.
   */
  List<List<Match>> topK(List<String> queries, int k);

  /** The number of candidates, duplicates included. */
  int size();

  /** The candidate at {@code index} (0-based, the order the index was built from). */
  String candidate(int index);

  /**
   * Writes the index to directory {@code dir}: written into a hidden sibling and renamed into
   * place, so a reader or a crash sees the old index or the new one, never a mix. Refuses to
   * replace a directory that holds something other than an index.
   */
  void save(Path dir) throws IOException;

  /**
   * Refuses {@code dir} now if {@link #save} would refuse it later (a directory that holds
   * something other than an index, a place that cannot be written), so that a long build does not
   * end in that error.
   *
   * @throws IndexException saying why
   */
  static void checkSaveTarget(Path dir) throws IOException {
    IndexFiles.refuseNonIndexDirectory(dir);
  }

  /**
   * Loads an index saved by {@link #save}, for use with {@code model}.
   *
   * @throws IndexException if {@code dir} holds no index, a damaged or truncated one, or one built
   *     with a model other than {@code model} (their {@link SimilarityModel#fingerprint()
   *     fingerprints} differ)
   */
  static CandidateIndex load(Path dir, SimilarityModel model) throws IOException {
    return IndexFiles.load(dir, model);
  }
}
