package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.siameseangular.data.DataException;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.eval.ThresholdCalibration;
import org.siameseangular.eval.ThresholdCalibration.Metric;
import org.siameseangular.eval.ThresholdStats;
import org.siameseangular.eval.WilsonInterval;
import org.siameseangular.model.LoadOptions;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;

/**
 * The "calibrate" job: the threshold that meets a target precision or recall on labelled pairs,
 * stored in the model's metadata so that {@code --threshold auto} uses it.
 *
 * @param metric the rate targeted
 * @param target the rate asked for
 * @param stats the counts and rates at the chosen threshold
 * @param precisionInterval the 95 % Wilson interval of the precision
 * @param recallInterval the 95 % Wilson interval of the recall
 * @param pairs the labelled pairs used
 * @param similarPairs of which similar
 * @param blankLinesSkipped blank lines skipped in the file
 */
public record CalibrationRun(
    Metric metric,
    double target,
    ThresholdStats stats,
    WilsonInterval precisionInterval,
    WilsonInterval recallInterval,
    int pairs,
    int similarPairs,
    int blankLinesSkipped) {

  /** The number of pairs behind the targeted rate (see {@link ThresholdCalibration#support}). */
  public int support() {
    return ThresholdCalibration.support(metric, stats);
  }

  /** Whether too few pairs stand behind the targeted rate for the threshold to be reliable. */
  public boolean few() {
    return support() < ThresholdCalibration.FEW_PAIRS;
  }

  /**
   * Scores the pairs of {@code data} with the model in {@code modelDir}, picks the threshold and
   * stores it in the model's {@code siamese-angular.json} (the SavedModel and its fingerprint are
   * unchanged, so indexes built with the model stay valid).
   *
   * @throws DataException when the file is bad, holds one class only, or no threshold meets the
   *     target (nothing is written then)
   */
  public static CalibrationRun calibrate(Path modelDir, Path data, Metric metric, double target)
      throws IOException {
    return calibrate(modelDir, LoadOptions.DEFAULT, data, metric, target);
  }

  /**
   * {@link #calibrate(Path, Path, Metric, double)} for a model whose signature names {@code
   * options} gives.
   */
  public static CalibrationRun calibrate(
      Path modelDir, LoadOptions options, Path data, Metric metric, double target)
      throws IOException {
    var file = PairFiles.read(data);
    List<Pair> pairs = file.pairs();
    if (pairs.isEmpty()) {
      throw new DataException(data, 0, data + " holds no pairs to calibrate on");
    }
    int[] labels = pairs.stream().mapToInt(Pair::label).toArray();
    int similar = (int) pairs.stream().filter(p -> p.label() == 1).count();
    if (similar == 0 || similar == pairs.size()) {
      throw new DataException(
          data,
          0,
          "calibration needs similar (1) and dissimilar (0) pairs; "
              + data
              + " holds "
              + similar
              + " similar and "
              + (pairs.size() - similar)
              + " dissimilar");
    }
    try (SimilarityModel model = SimilarityModel.load(modelDir, options)) {
      float[] d =
          model.distances(
              pairs.stream().map(Pair::left).toList(), pairs.stream().map(Pair::right).toList());
      ThresholdStats chosen =
          ThresholdCalibration.meeting(d, labels, metric, target)
              .orElseThrow(() -> unreachable(data, pairs.size(), d, labels, target));
      var run =
          new CalibrationRun(
              metric,
              target,
              chosen,
              ThresholdCalibration.precisionInterval(chosen),
              ThresholdCalibration.recallInterval(chosen),
              pairs.size(),
              similar,
              file.blankLinesSkipped());
      ModelExporter.updateMetadata(
          modelDir,
          model.fingerprint(),
          m ->
              m.withCalibration(
                  new ModelMetadata.Calibration(
                      chosen.threshold(),
                      metric.label(),
                      target,
                      chosen.precision(),
                      chosen.recall(),
                      chosen.f1(),
                      pairs.size(),
                      similar,
                      data.getFileName() == null
                          ? data.toString()
                          : data.getFileName().toString())));
      return run;
    }
  }

  /** Only a precision target can be out of reach (recall 1 is reached by the last cut). */
  private static DataException unreachable(
      Path data, int n, float[] d, int[] labels, double target) {
    ThresholdStats best = ThresholdCalibration.highestPrecision(d, labels);
    return new DataException(
        data,
        0,
        String.format(
            Locale.ROOT,
            "no threshold reaches precision %s on the %,d pairs of %s: the highest is %.4f (at"
                + " threshold %.4f, recall %.4f, %d of %d pairs predicted similar). Lower"
                + " --target-precision, or calibrate a better model; nothing was written",
            target,
            n,
            data,
            best.precision(),
            best.threshold(),
            best.recall(),
            best.tp(),
            best.tp() + best.fp()));
  }
}
