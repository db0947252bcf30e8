package org.siameseangular.train;

import java.util.List;
import org.siameseangular.data.Pair;

/**
 * Training and validation pairs split as Keras's {@code fit(validation_split=f)} does: validation
 * is the last {@code n - floor((1 - f) n)} pairs, taken before any shuffling
 * (keras/src/trainers/data_adapters/array_slicing.py, train_validation_split).
 */
public record Split(List<Pair> training, List<Pair> validation) {

  public static Split of(List<Pair> pairs, double validationSplit) {
    int trainCount = trainingSize(pairs.size(), validationSplit);
    return new Split(
        List.copyOf(pairs.subList(0, trainCount)),
        List.copyOf(pairs.subList(trainCount, pairs.size())));
  }

  /** How many of {@code n} pairs are for training: {@code floor((1 - f) n)}, the leading ones. */
  public static int trainingSize(int n, double validationSplit) {
    return (int) Math.floor((1 - validationSplit) * n);
  }
}
