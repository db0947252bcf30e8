package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.siameseangular.data.Pair;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.io.Decimals;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.ReportInput;
import org.siameseangular.report.TrainingReport;
import org.siameseangular.train.EpochMetrics;
import org.siameseangular.train.LearningRateSchedule;
import org.siameseangular.train.TrainConfig;
import org.siameseangular.train.TrainingResult;

/**
 * What a finished training run leaves behind: the SavedModel of the kept weights, its metadata
 * (settings, metrics and the best-F1 threshold on the validation split) and the training report,
 * all moved into place in one atomic swap.
 */
final class TrainedModelExport {
  private TrainedModelExport() {}

  /**
   * @param source where the pairs came from, for the metadata and the report
   * @param embeddedData true when trained on the embedded dataset: the report then also scores each
   *     typo kind
   * @return the validation metrics at the threshold stored with the model
   */
  static ThresholdStats write(
      Path out,
      TrainConfig config,
      String source,
      TrainingResult result,
      double seconds,
      boolean embeddedData)
      throws IOException {
    int[] labels = result.validation().stream().mapToInt(Pair::label).toArray();
    ThresholdStats bestF1 = BinaryMetrics.bestF1(result.validationDistances(), labels);
    ModelMetadata metadata =
        ModelMetadata.describing(config.spec())
            .withProducer("siamese-angular train")
            .withTraining(training(config, source, result, seconds))
            .withThreshold(bestF1.threshold(), thresholdRule(labels.length));
    ModelExporter.export(
        out,
        metadata,
        result.weights(),
        staged -> writeReport(staged, config, source, result, embeddedData, bestF1.threshold()));
    return bestF1;
  }

  /** How the stored threshold was chosen, with how many pairs it rests on. */
  static String thresholdRule(int validationPairs) {
    return "best F1 on the validation split (" + validationPairs + " pairs)";
  }

  /** report.html, charts, history.csv and metrics.json beside the model, in the same swap. */
  private static void writeReport(
      Path staged,
      TrainConfig c,
      String source,
      TrainingResult r,
      boolean embedded,
      double threshold)
      throws IOException {
    List<Pair> validation = r.validation();
    // The held-out set takes seconds to generate and score: the evaluate command shows it; the
    // training report keeps to the validation split and the hard variations.
    var tables =
        new EvaluationData.Tables(
            embedded ? EvaluationData.embeddedValidation(c.validationSplit(), false) : List.of(),
            List.of());
    List<Pair> kindedPairs = tables.pairs();
    ScoredPairs scoredKinded;
    try (SimilarityModel model = SimilarityModel.load(staged)) {
      float[] d =
          model.distances(
              kindedPairs.stream().map(Pair::left).toList(),
              kindedPairs.stream().map(Pair::right).toList());
      scoredKinded = ScoredPairs.of(kindedPairs, d);
    }
    List<KindScore> perKind = tables.scores(scoredKinded);
    // The embedded validation pairs lead the kinded list: their baselines are computed already.
    ScoredPairs scored =
        embedded
            ? scoredKinded.slice(0, validation.size()).withModel(r.validationDistances())
            : ScoredPairs.of(validation, r.validationDistances());
    TrainingReport.write(
        staged,
        new ReportInput(
            "siamese-angular training report",
            r.history(),
            scored,
            Evaluation.of(scored, perKind, threshold),
            facts(c, source, r),
            String.format(
                Locale.ROOT,
                "the validation split: the last %s %% of the pairs, %d pairs the model never"
                    + " trained on",
                Decimals.format(100 * c.validationSplit()),
                validation.size()),
            r.bestEpoch(),
            thresholdRule(validation.size())));
  }

  private static Map<String, String> facts(TrainConfig c, String source, TrainingResult r) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("data", source);
    facts.put("units", Integer.toString(c.spec().units()));
    facts.put(
        "optimizer",
        c.optimizer().id()
            + ", learning rate "
            + Decimals.format(c.learningRate())
            + (c.schedule() == LearningRateSchedule.COSINE
                ? " with cosine decay to "
                    + Decimals.format(100 * LearningRateSchedule.COSINE_FLOOR)
                    + " %"
                : ""));
    facts.put(
        "batch size",
        c.batchSize() + (c.lengthBuckets() ? ", grouped by length" : ", plain shuffle"));
    facts.put("seed", Long.toString(c.seed()));
    facts.put("best epoch", r.bestEpoch() + " of " + r.history().size());
    facts.put("input encoding", c.spec().encoding().describe());
    facts.put(
        "pooling",
        c.spec().pooling().id() + ", embeddings of " + c.spec().embeddingSize() + " values");
    String eps = Decimals.format(c.spec().clipEpsilon());
    facts.put("cosine clip", "[-1 + " + eps + ", 1 - " + eps + "]");
    return facts;
  }

  private static ModelMetadata.Training training(
      TrainConfig c, String source, TrainingResult r, double seconds) {
    EpochMetrics b = r.bestMetrics();
    return new ModelMetadata.Training(
        c.seed(),
        c.optimizer().id(),
        c.learningRate(),
        c.batchSize(),
        c.validationSplit(),
        source,
        r.history().size(),
        r.bestEpoch(),
        new ModelMetadata.Metrics(b.loss(), b.valLoss(), b.valAccuracy(), b.valAuc()),
        seconds);
  }
}
