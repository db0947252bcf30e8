package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.DataException;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.MultiScriptDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.data.UserException;
import org.siameseangular.eval.Evaluation;
import org.siameseangular.eval.KindScore;
import org.siameseangular.eval.ScoredPairs;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.io.Decimals;
import org.siameseangular.model.LoadOptions;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.ReportInput;
import org.siameseangular.report.TrainingReport;
import org.siameseangular.train.TrainConfig;

/**
 * A saved model evaluated on labelled pairs beside plain edit distance, and its report: "evaluate".
 */
public final class EvaluationRun {
  private final Path model;
  private final String dataLabel;
  private final String thresholdRule;
  private final ScoredPairs scored;
  private final Evaluation evaluation;

  private EvaluationRun(
      Path model,
      String dataLabel,
      String thresholdRule,
      ScoredPairs scored,
      Evaluation evaluation) {
    this.model = model;
    this.dataLabel = dataLabel;
    this.thresholdRule = thresholdRule;
    this.scored = scored;
    this.evaluation = evaluation;
  }

  /**
   * Scores the pairs of {@code data}, or, when it is null, the embedded dataset's validation split
   * (the tail under the validation split stored with a model trained on the embedded data, else the
   * default: the pairs such a model never saw), summarised. For the embedded data, the per-kind
   * tables add the hard-variations set and the multi-script held-out set ({@link
   * org.siameseangular.data.MultiScriptDataset#heldOut()}: source entries no training pair uses,
   * another seed) per kind and, for one-edit typos, per script, each beside the edit-distance
   * baselines. The metrics at the model's stored threshold lead.
   */
  public static EvaluationRun of(Path model, Path data) {
    return of(model, LoadOptions.DEFAULT, data);
  }

  /** {@link #of(Path, Path)} for a model whose signature names {@code options} gives. */
  public static EvaluationRun of(Path model, LoadOptions options, Path data) {
    try (SimilarityModel m = SimilarityModel.load(model, options)) {
      List<Pair> pairs;
      List<KindedPair> validation = List.of();
      String dataLabel;
      if (data == null) {
        double split = embeddedSplit(m.metadata());
        validation = EvaluationData.embeddedValidation(split, trainedOnEnglishOnly(m.metadata()));
        pairs = validation.stream().map(KindedPair::pair).toList();
        dataLabel =
            String.format(
                Locale.ROOT,
                trainedOnEmbedded(m.metadata())
                    ? "the embedded dataset's validation split stored with the model: its last %s"
                        + " %%, %d pairs the model never trained on"
                    : "the embedded dataset's validation split: its last %s %%, %d pairs",
                Decimals.format(100 * split),
                pairs.size());
      } else {
        pairs = PairFiles.read(data).pairs();
        dataLabel = data + ", " + pairs.size() + " pairs";
      }
      if (pairs.isEmpty()) {
        throw new DataException(
            data, 0, "no pairs to evaluate in " + data + ": it holds only the header");
      }
      // One model pass and one edit-distance pass over every pair; the summary is over the leading
      // pairs, the per-kind tables over the kinded ones.
      // A pairs file has no kinds: its summary only (the tables take seconds to generate).
      var tables =
          data == null ? new EvaluationData.Tables(validation, MultiScriptDataset.heldOut()) : null;
      List<Pair> all = data == null ? tables.pairs() : pairs;
      float[] d =
          m.distances(
              all.stream().map(Pair::left).toList(), all.stream().map(Pair::right).toList());
      ScoredPairs scoredAll = ScoredPairs.of(all, d);
      ScoredPairs scored = scoredAll.slice(0, pairs.size());
      List<KindScore> perKind = data == null ? tables.scores(scoredAll) : List.of();
      Double threshold = m.metadata().threshold();
      String rule =
          threshold == null
              ? null
              : m.metadata().thresholdRule() == null
                  ? "stored with the model"
                  : m.metadata().thresholdRule();
      return new EvaluationRun(
          model, dataLabel, rule, scored, Evaluation.of(scored, perKind, threshold));
    }
  }

  /** The validation split of a model trained on the embedded data, else the default. */
  static double embeddedSplit(ModelMetadata metadata) {
    if (trainedOnEmbedded(metadata) && metadata.training().validationSplit() != null) {
      return metadata.training().validationSplit();
    }
    return TrainConfig.DEFAULT_VALIDATION_SPLIT;
  }

  /** A model trained on the English-only embedded data of earlier versions. */
  private static boolean trainedOnEnglishOnly(ModelMetadata metadata) {
    return trainedOnEmbedded(metadata)
        && metadata
            .training()
            .dataset()
            .equals(TrainingRun.EMBEDDED_SOURCE + DefaultDataset.sourceDescription());
  }

  private static boolean trainedOnEmbedded(ModelMetadata metadata) {
    return metadata.training() != null
        && metadata.training().dataset() != null
        && metadata.training().dataset().startsWith(TrainingRun.EMBEDDED_SOURCE);
  }

  /**
   * Refuses, before any work, a report directory that would overwrite something else: a file, or a
   * model directory (whose {@code report.html} is its training report).
   */
  public static void checkReportDirectory(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserException(
          "cannot write the report to "
              + dir
              + ": it is a file; --report takes a directory, where report.html and the charts go");
    }
    if (Files.exists(dir.resolve("saved_model.pb"))
        || Files.exists(dir.resolve(ModelNames.METADATA_FILE))) {
      throw new UserException(
          "refusing to write the report into "
              + dir
              + ": it is a model directory, and its report.html is the training report, which this"
              + " would overwrite. Give another directory, e.g. --report "
              + dir.toString().replaceAll("[/\\\\]+$", "")
              + "-evaluation");
    }
  }

  /** The numbers. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** What the pairs were, in words. */
  public String dataLabel() {
    return dataLabel;
  }

  /** How the model's threshold was chosen, or null when it has none. */
  public String thresholdRule() {
    return thresholdRule;
  }

  /** Writes the charts, {@code metrics.json} and {@code report.html} into {@code dir}. */
  public void writeReport(Path dir) throws IOException {
    checkReportDirectory(dir);
    var facts = new LinkedHashMap<String, String>();
    facts.put("model", model.toString());
    facts.put("data", dataLabel);
    TrainingReport.write(
        dir,
        new ReportInput(
            "siamese-angular evaluation",
            List.of(),
            scored,
            evaluation,
            facts,
            dataLabel,
            0,
            thresholdRule));
  }
}
