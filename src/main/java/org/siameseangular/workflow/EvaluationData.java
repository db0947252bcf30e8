package org.siameseangular.workflow;

import java.util.List;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.HardVariations;
import org.siameseangular.data.KindedPair;
import org.siameseangular.train.Split;

/** The labelled pairs with kinds that evaluation and the training report break down per kind. */
final class EvaluationData {
  private EvaluationData() {}

  /**
   * The embedded dataset's validation pairs under {@code validationSplit} (the tail, as {@link
   * Split} cuts it), each with its kind: the pairs a model trained on the embedded data never saw.
   */
  static List<KindedPair> embeddedValidation(double validationSplit) {
    List<KindedPair> all = DefaultDataset.generateWithKinds(DefaultDataset.DEFAULT_SEED);
    return all.subList(Split.trainingSize(all.size(), validationSplit), all.size());
  }

  /** The hand-written hard variations (diacritics and case, transliteration, spacing). */
  static List<KindedPair> hardVariations() {
    return HardVariations.load();
  }
}
