package org.siameseangular.match;

import java.util.Arrays;

/**
 * The best {@code capacity} of a stream of (distance, id) entries, best = smallest distance, then
 * smallest id: a bounded max-heap with the worst entry on top, on primitive arrays. Not
 * thread-safe: one per query and thread.
 */
final class TopK {
  private final int capacity;
  private final float[] distance;

  /**
   * The clipped cosine each distance came from; lets {@link #offerScanned} reject without an acos.
   */
  private final float[] key;

  private final int[] id;
  private int size;

  TopK(int capacity) {
    this.capacity = capacity;
    distance = new float[capacity];
    key = new float[capacity];
    id = new int[capacity];
  }

  /**
   * Offers {@code clipped} (a clipped cosine) for {@code candidate}, where every earlier offer to
   * this heap had a smaller id. The distance is non-increasing in the clipped cosine ({@link
   * AngularDistance#ofClipped}), so a cosine not above the worst entry's gives a distance at least
   * as large, and with a larger id that entry is no better: it is rejected without computing the
   * acos.
   */
  void offerScanned(float clipped, int candidate) {
    if (size == capacity && !(clipped > key[0])) {
      return;
    }
    offer(AngularDistance.ofClipped(clipped), clipped, candidate);
  }

  /** Offers an entry in any order. */
  void offer(float d, float clipped, int candidate) {
    if (size < capacity) {
      distance[size] = d;
      key[size] = clipped;
      id[size] = candidate;
      siftUp(size++);
    } else if (worse(distance[0], id[0], d, candidate)) {
      distance[0] = d;
      key[0] = clipped;
      id[0] = candidate;
      siftDown(0);
    }
  }

  /** Adds every entry of {@code other}. */
  void addAll(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.distance[i], other.key[i], other.id[i]);
    }
  }

  int size() {
    return size;
  }

  /**
   * The entries' positions in best-first order; read them with {@link #idAt} and {@link
   * #distanceAt}.
   */
  int[] bestFirst() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compare(distance[a], id[a], distance[b], id[b]));
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = order[i];
    }
    return out;
  }

  int idAt(int position) {
    return id[position];
  }

  float distanceAt(int position) {
    return distance[position];
  }

  /** Whether (d1, id1) ranks after (d2, id2). */
  private static boolean worse(float d1, int id1, float d2, int id2) {
    return compare(d1, id1, d2, id2) > 0;
  }

  /** Distance first, then id; NaN distances rank last. */
  static int compare(float d1, int id1, float d2, int id2) {
    int c = Float.compare(d1, d2);
    return c != 0 ? c : Integer.compare(id1, id2);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(distance[i], id[i], distance[parent], id[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && worse(distance[right], id[right], distance[left], id[left])) {
        worst = right;
      }
      if (!worse(distance[worst], id[worst], distance[i], id[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float d = distance[a];
    distance[a] = distance[b];
    distance[b] = d;
    float k = key[a];
    key[a] = key[b];
    key[b] = k;
    int t = id[a];
    id[a] = id[b];
    id[b] = t;
  }
}
