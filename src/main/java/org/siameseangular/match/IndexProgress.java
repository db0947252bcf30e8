package org.siameseangular.match;

/**
 * Hears how far an index build has got, for a progress bar. Calls may come from several threads
 * (not at once: they are serialised), {@code done} never decreases within a stage, and each stage
 * ends with a call where {@code done == total}.
 */
@FunctionalInterface
public interface IndexProgress {
  /** What an index build is doing. */
  enum Stage {
    /** Running the model over the distinct candidate strings; counts strings. */
    EMBEDDING,
    /** Linking the HNSW graph; counts distinct strings. */
    LINKING
  }

  /** Listens to nothing. */
  IndexProgress NONE = (stage, done, total) -> {};

  void update(Stage stage, long done, long total);
}
