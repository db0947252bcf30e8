package org.siameseangular.match;

/**
 * The parameters of an {@link HnswIndex} (Malkov and Yashunin, "Efficient and robust approximate nearest
 * neighbor search using Hierarchical Navigable Small World graphs", arXiv:1603.09320).
 *
 * @param maxConnections M: links per node on the upper levels, 2M on level 0; more links raise recall and
 *     cost memory and build time
 * @param beamWidth efConstruction: candidates kept while linking a node; more raises recall and build time
 * @param searchBeam ef: candidates kept while searching (at least k is used); more raises recall and latency.
 *     Not part of the graph: {@link HnswIndex#withSearchBeam} changes it on a built or loaded index
 */
public record HnswSettings(int maxConnections, int beamWidth, int searchBeam) {
  /**
   * Tuned on 1,000,000 generated names against exact search (BENCHMARKS.md, "Find matches"); Lucene's own
   * defaults are 16 and 100 (org.apache.lucene.util.hnsw.HnswGraphBuilder.DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH).
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  public static final int DEFAULT_BEAM_WIDTH = 100;
  public static final int DEFAULT_SEARCH_BEAM = 100;
  /** Lucene's limits (lucene/core/.../codecs/lucene99/Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN, ...BEAM_WIDTH). */
  static final int MAXIMUM_MAX_CONNECTIONS = 512;

  static final int MAXIMUM_BEAM_WIDTH = 3200;

  public static final HnswSettings DEFAULT =
      new HnswSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_BEAM_WIDTH, DEFAULT_SEARCH_BEAM);

  public HnswSettings {
    if (maxConnections < 2 || maxConnections > MAXIMUM_MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "maxConnections must be in [2, " + MAXIMUM_MAX_CONNECTIONS + "], found " + maxConnections);
    }
    if (beamWidth < 1 || beamWidth > MAXIMUM_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "beamWidth must be in [1, " + MAXIMUM_BEAM_WIDTH + "], found " + beamWidth);
    }
    if (searchBeam < 1) {
      throw new IllegalArgumentException("searchBeam must be at least 1, found " + searchBeam);
    }
  }

  public HnswSettings withSearchBeam(int beam) {
    return new HnswSettings(maxConnections, beamWidth, beam);
  }
}
