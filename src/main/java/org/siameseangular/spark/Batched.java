package org.siameseangular.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's rows taken {@code size} at a time, each batch turned into output rows by one call,
 * lazily: a partition of any length holds one batch in memory, never the whole partition.
 */
final class Batched<I, O> implements Iterator<O> {
  private final Iterator<I> in;
  private final int size;
  private final Function<List<I>, List<O>> map;
  private Iterator<O> current = Collections.emptyIterator();

  Batched(Iterator<I> in, int size, Function<List<I>, List<O>> map) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, found " + size);
    }
    this.in = in;
    this.size = size;
    this.map = map;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && in.hasNext()) {
      var batch = new ArrayList<I>(size);
      while (batch.size() < size && in.hasNext()) {
        batch.add(in.next());
      }
      current = map.apply(batch).iterator();
    }
    return current.hasNext();
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
