package org.siameseangular.match;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * An HNSW graph frozen into compact arrays, one adjacency list (CSR) per level, searched through
 * Lucene's {@code HnswGraphSearcher}. Immutable; {@link #view()} gives each search its own cursor.
 * A built graph and a loaded one are the same arrays, so they answer queries identically.
 */
final class NeighborGraph {
  final int size;
  final int entryNode;

  /**
   * nodes[l]: the ascending nodes on level l &gt; 0; nodes[0] is null (level 0 holds every node).
   */
  final int[][] nodes;

  /**
   * The neighbours of the i-th node of level l are neighbors[l][offsets[l][i], offsets[l][i + 1]).
   */
  final int[][] offsets;

  final int[][] neighbors;

  /**
   * @throws IllegalArgumentException if the arrays do not form a graph (for a damaged file)
   */
  NeighborGraph(int size, int entryNode, int[][] nodes, int[][] offsets, int[][] neighbors) {
    this.size = size;
    this.entryNode = entryNode;
    this.nodes = nodes;
    this.offsets = offsets;
    this.neighbors = neighbors;
    validate();
  }

  /** Freezes a graph that Lucene built. */
  static NeighborGraph of(OnHeapHnswGraph g) throws IOException {
    int levels = g.numLevels();
    int size = g.size();
    int[][] nodes = new int[levels][];
    int[][] offsets = new int[levels][];
    int[][] neighbors = new int[levels][];
    for (int l = 0; l < levels; l++) {
      int[] onLevel = l == 0 ? null : HnswGraph.NodesIterator.getSortedNodes(g.getNodesOnLevel(l));
      int count = l == 0 ? size : onLevel.length;
      int[] off = new int[count + 1];
      for (int i = 0; i < count; i++) {
        off[i + 1] = off[i] + g.getNeighbors(l, l == 0 ? i : onLevel[i]).size();
      }
      int[] out = new int[off[count]];
      for (int i = 0; i < count; i++) {
        NeighborArray a = g.getNeighbors(l, l == 0 ? i : onLevel[i]);
        System.arraycopy(a.nodes(), 0, out, off[i], a.size());
      }
      nodes[l] = onLevel;
      offsets[l] = off;
      neighbors[l] = out;
    }
    return new NeighborGraph(size, g.entryNode(), nodes, offsets, neighbors);
  }

  int numLevels() {
    return offsets.length;
  }

  /** A cursor over this graph for one search at a time. */
  HnswGraph view() {
    return new View();
  }

  private int position(int level, int node) {
    return level == 0 ? node : Arrays.binarySearch(nodes[level], node);
  }

  private void validate() {
    require(size >= 1, "a graph of " + size + " nodes");
    require(
        offsets.length >= 1 && nodes.length == offsets.length && neighbors.length == offsets.length,
        "inconsistent level counts");
    require(nodes[0] == null, "level 0 must hold every node");
    for (int l = 0; l < offsets.length; l++) {
      int count = l == 0 ? size : nodes[l].length;
      if (l > 0) {
        require(count >= 1, "level " + l + " is empty");
        for (int i = 0; i < count; i++) {
          require(
              nodes[l][i] >= 0 && nodes[l][i] < size && (i == 0 || nodes[l][i] > nodes[l][i - 1]),
              "level " + l + " lists node " + nodes[l][i] + " out of order or range");
        }
      }
      int[] off = offsets[l];
      require(
          off.length == count + 1 && off[0] == 0 && off[count] == neighbors[l].length,
          "level " + l + " has inconsistent offsets");
      for (int i = 0; i < count; i++) {
        require(off[i + 1] >= off[i], "level " + l + " has decreasing offsets");
      }
      for (int n : neighbors[l]) {
        require(
            n >= 0 && n < size && (l == 0 || position(l, n) >= 0),
            "level " + l + " links to node " + n + ", which is not on that level");
      }
    }
    require(
        position(offsets.length - 1, entryNode) >= 0 && entryNode >= 0 && entryNode < size,
        "the entry node " + entryNode + " is not on the top level");
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("not an HNSW graph: " + what);
    }
  }

  /** Lucene's graph interface over the arrays, with its own position. */
  private final class View extends HnswGraph {
    private int[] list = new int[0];
    private int upto;
    private int end;

    @Override
    public void seek(int level, int target) {
      int p = position(level, target);
      if (p < 0) {
        throw new IllegalStateException("node " + target + " is not on level " + level);
      }
      list = neighbors[level];
      upto = offsets[level][p];
      end = offsets[level][p + 1];
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int nextNeighbor() {
      return upto < end ? list[upto++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int numLevels() {
      return offsets.length;
    }

    @Override
    public int entryNode() {
      return entryNode;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      return level == 0
          ? new ArrayNodesIterator(size)
          : new ArrayNodesIterator(nodes[level], nodes[level].length);
    }
  }
}
