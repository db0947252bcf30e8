package org.siameseangular.match;

/**
 * The parameters of an {@link HnswIndex} (Malkov and Yashunin, "Efficient and robust approximate
 * nearest neighbor search using Hierarchical Navigable Small World graphs", arXiv:1603.09320).
 *
 * @param maxConnections M: links per node on the upper levels, 2M on level 0; more links raise
 *     recall and cost memory and build time
 * @param beamWidth efConstruction: candidates kept while linking a node; more raises recall and
 *     build time
 * @param searchBeam ef: candidates kept while searching (at least k is used); more raises recall
 *     and latency. Not part of the graph: {@link HnswIndex#withSearchBeam} changes it on a built or
 *     loaded index
 */
public record HnswSettings(int maxConnections, int beamWidth, int searchBeam) {
  /**
   * Tuned on 1,000,000 generated names and 10,000 noisy queries, top 10 against exact search, on 2
   * shared cores (BENCHMARKS.md, "Finding matches"). With M = 16: efConstruction 100 linked them in
   * 404 s of CPU, recall 0.9968 at ef 80; efConstruction 64 in 229 s, recall 0.9934 at ef 80 and
   * 0.9959 at ef 160. 64 keeps the whole pipeline well inside 5 minutes on 2 cores; ef 128 buys
   * back recall for about 0.5 ms of CPU per query (ef 80: 0.32 ms, ef 160: 0.61 ms). Lucene's own
   * defaults are 16 and 100 (HnswGraphBuilder.DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH).
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  public static final int DEFAULT_BEAM_WIDTH = 64;
  public static final int DEFAULT_SEARCH_BEAM = 128;

  /**
   * Lucene's limits (lucene/core/.../codecs/lucene99/Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN,
   * ...BEAM_WIDTH).
   */
  static final int MAXIMUM_MAX_CONNECTIONS = 512;

  static final int MAXIMUM_BEAM_WIDTH = 3200;

  public static final HnswSettings DEFAULT =
      new HnswSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_BEAM_WIDTH, DEFAULT_SEARCH_BEAM);

  public HnswSettings {
    if (maxConnections < 2 || maxConnections > MAXIMUM_MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "maxConnections must be in [2, "
              + MAXIMUM_MAX_CONNECTIONS
              + "], found "
              + maxConnections);
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
