package org.siameseangular.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.siameseangular.data.PublicApi;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.SpecFields;
import org.tensorflow.TensorFlow;

/**
 * What {@code siamese-angular.json} beside a SavedModel says: the function the model computes
 * (units, input encoding, cosine clip), the runtime that wrote it, how it was trained, and the
 * decision threshold chosen for it. Immutable.
 *
 * <p>Every field may be absent (null): a Keras export's file holds only the model's shape and its
 * producer, a model exported without training has no {@link #training()} and no threshold. Keys
 * this version does not know are ignored, so a newer file still loads. The file's keys are the
 * component names; {@link #training()}'s are written inline, as format version 1 has them.
 *
 * @param format {@value #FORMAT} for a Java export
 * @param formatVersion {@value #VERSION} for this layout
 * @param units LSTM units (the embedding has units values with pooling last, units + the encoding's
 *     width with the others)
 * @param encoding {@code scalar}, {@code hashed} or {@code folded}; absent (a file of format
 *     version 1, the Keras reference's) means scalar
 * @param inputCenter the scalar encoding: subtracted from each code point inside the graph
 * @param inputScale the scalar encoding: each centred code point is divided by this
 * @param hashModuli the hashed encoding's moduli (the table has their sum of rows)
 * @param embeddingDimension the hashed encoding's features per code point
 * @param clipEpsilon the cosine is clipped to {@code [-1 + eps, 1 - eps]} before {@code acos}
 * @param pooling {@code last}, {@code mean-bag}, {@code words} or {@code windows} (see {@link
 *     org.siameseangular.graph.Pooling}); absent (every file written before mean-bag existed, Keras
 *     exports of the original) means last
 * @param paddingValue the code point that pads a batch (0)
 * @param signatures signature key to a description of its inputs and outputs
 * @param tensorflowJavaVersion the TensorFlow Java release that exported the model
 * @param tensorflowRuntimeVersion the native TensorFlow runtime that exported it
 * @param producer who wrote the model, e.g. {@code siamese-angular train}
 * @param training the settings and results of the training run, when there was one
 * @param threshold the training run's decision threshold: distance below it means similar
 * @param thresholdRule how {@code threshold} was chosen
 * @param calibration the threshold chosen later for a target precision or recall on labelled pairs
 *     ({@code calibrate}); when present it is the {@link #decisionThreshold()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@PublicApi
public record ModelMetadata(
    String format,
    Integer formatVersion,
    Integer units,
    String encoding,
    Float inputCenter,
    Float inputScale,
    List<Integer> hashModuli,
    Integer embeddingDimension,
    Float clipEpsilon,
    String pooling,
    Integer paddingValue,
    Map<String, String> signatures,
    String tensorflowJavaVersion,
    String tensorflowRuntimeVersion,
    String producer,
    @JsonUnwrapped Training training,
    Double threshold,
    String thresholdRule,
    Calibration calibration) {

  /** The {@code format} of a Java export. */
  public static final String FORMAT = "siamese-angular";

  /**
   * The layout written by this version: 2 added {@code encoding}, {@code hashModuli} and {@code
   * embeddingDimension} to version 1.
   */
  public static final int VERSION = 2;

  /**
   * The TensorFlow Java release on the class path (its jars carry no version the code can read).
   */
  static final String TENSORFLOW_JAVA_VERSION = "1.1.0";

  /** The metadata of a model without {@code siamese-angular.json}. */
  public static final ModelMetadata NONE =
      new ModelMetadata(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null);

  /**
   * Normalises: an all-empty {@link #training()} (what reading a file without one gives) is null.
   */
  public ModelMetadata {
    signatures =
        signatures == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
    hashModuli = hashModuli == null ? null : List.copyOf(hashModuli);
    if (training != null && training.absent()) {
      training = null;
    }
  }

  /**
   * The metadata of a Java export of {@code spec}: format, shape, padding, signatures and versions.
   */
  public static ModelMetadata describing(ModelSpec spec) {
    Map<String, String> signatures = new LinkedHashMap<>();
    signatures.put(ModelNames.DISTANCE_SIGNATURE, "left, right -> distance");
    signatures.put(ModelNames.EMBED_SIGNATURE, "text -> embedding");
    SpecFields f = spec.fields();
    return new ModelMetadata(
        FORMAT,
        VERSION,
        f.units(),
        f.encoding(),
        f.inputCenter(),
        f.inputScale(),
        f.hashModuli(),
        f.embeddingDimension(),
        f.clipEpsilon(),
        f.pooling(),
        0,
        signatures,
        TENSORFLOW_JAVA_VERSION,
        TensorFlow.version(),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The model's shape, when the file gives all of it in an encoding this version knows (a model of
   * another encoding still scores: its graph is in the SavedModel; {@link #specFields()} says what
   * is missing or unknown).
   *
   * @throws IllegalArgumentException when a value is out of range
   */
  public Optional<ModelSpec> spec() {
    SpecFields f = specFields();
    return f.complete() ? Optional.of(f.toSpec()) : Optional.empty();
  }

  /** The fields of the model's shape as the file gives them (any may be null). */
  public SpecFields specFields() {
    return new SpecFields(
        units,
        encoding,
        inputCenter,
        inputScale,
        hashModuli,
        embeddingDimension,
        clipEpsilon,
        pooling);
  }

  /**
   * The decision threshold to use: the {@link #calibration()}'s when there is one, else the
   * training run's {@link #threshold()}, else none.
   */
  public OptionalDouble decisionThreshold() {
    if (calibration != null) {
      return OptionalDouble.of(calibration.threshold());
    }
    return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
  }

  /** How the {@link #decisionThreshold()} was chosen, if there is one. */
  public Optional<String> decisionThresholdRule() {
    if (calibration != null) {
      return Optional.of(calibration.rule());
    }
    return threshold == null ? Optional.empty() : Optional.ofNullable(thresholdRule);
  }

  /** A copy with a calibrated threshold (the training run's stays as it was). */
  public ModelMetadata withCalibration(Calibration calibration) {
    return new ModelMetadata(
        format,
        formatVersion,
        units,
        encoding,
        inputCenter,
        inputScale,
        hashModuli,
        embeddingDimension,
        clipEpsilon,
        pooling,
        paddingValue,
        signatures,
        tensorflowJavaVersion,
        tensorflowRuntimeVersion,
        producer,
        training,
        threshold,
        thresholdRule,
        calibration);
  }

  /** A copy naming its producer. */
  public ModelMetadata withProducer(String producer) {
    return new ModelMetadata(
        format,
        formatVersion,
        units,
        encoding,
        inputCenter,
        inputScale,
        hashModuli,
        embeddingDimension,
        clipEpsilon,
        pooling,
        paddingValue,
        signatures,
        tensorflowJavaVersion,
        tensorflowRuntimeVersion,
        producer,
        training,
        threshold,
        thresholdRule,
        calibration);
  }

  /** A copy with the training run's settings and results. */
  public ModelMetadata withTraining(Training training) {
    return new ModelMetadata(
        format,
        formatVersion,
        units,
        encoding,
        inputCenter,
        inputScale,
        hashModuli,
        embeddingDimension,
        clipEpsilon,
        pooling,
        paddingValue,
        signatures,
        tensorflowJavaVersion,
        tensorflowRuntimeVersion,
        producer,
        training,
        threshold,
        thresholdRule,
        calibration);
  }

  /** A copy with a decision threshold and how it was chosen. */
  public ModelMetadata withThreshold(double threshold, String rule) {
    return new ModelMetadata(
        format,
        formatVersion,
        units,
        encoding,
        inputCenter,
        inputScale,
        hashModuli,
        embeddingDimension,
        clipEpsilon,
        pooling,
        paddingValue,
        signatures,
        tensorflowJavaVersion,
        tensorflowRuntimeVersion,
        producer,
        training,
        threshold,
        rule,
        calibration);
  }

  /**
   * A threshold calibrated on labelled pairs for a target precision or recall, and what it reached
   * there.
   *
   * @param threshold similar iff distance &lt; threshold
   * @param metric {@code precision} or {@code recall}: the rate the target is for
   * @param target the rate asked for; {@code metric} was at least this on the pairs
   * @param precision precision at the threshold on the pairs
   * @param recall recall at the threshold on the pairs
   * @param f1 F1 at the threshold on the pairs
   * @param pairs labelled pairs used
   * @param similarPairs of which similar (label 1)
   * @param data where the pairs came from, as given
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Calibration(
      double threshold,
      String metric,
      double target,
      double precision,
      double recall,
      double f1,
      int pairs,
      int similarPairs,
      String data) {

    /** For messages: {@code "calibrated for precision >= 0.95 on 1600 pairs (pairs.csv)"}. */
    public String rule() {
      return "calibrated for "
          + metric
          + " >= "
          + target
          + " on "
          + pairs
          + " pairs"
          + (data == null ? "" : " (" + data + ")");
    }
  }

  /**
   * How the model was trained.
   *
   * @param seed seeded the initial weights and the shuffles
   * @param optimizer {@code sgd} or {@code adam}
   * @param learningRate the optimizer's step size
   * @param batchSize pairs per step
   * @param validationSplit the fraction of pairs held out for validation
   * @param dataset where the pairs came from
   * @param epochsRun epochs completed
   * @param bestEpoch the epoch whose weights were kept (1-based)
   * @param metrics that epoch's numbers
   * @param trainingSeconds wall-clock time of the run
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Training(
      Long seed,
      String optimizer,
      Double learningRate,
      Integer batchSize,
      Double validationSplit,
      String dataset,
      Integer epochsRun,
      Integer bestEpoch,
      Metrics metrics,
      Double trainingSeconds) {

    boolean absent() {
      return seed == null
          && optimizer == null
          && learningRate == null
          && batchSize == null
          && validationSplit == null
          && dataset == null
          && epochsRun == null
          && bestEpoch == null
          && metrics == null
          && trainingSeconds == null;
    }
  }

  /**
   * The kept epoch's numbers, as in a Keras {@code History}.
   *
   * @param loss mean training loss
   * @param valLoss mean validation loss
   * @param valAccuracy validation accuracy at the decision threshold 0.5
   * @param valAuc validation ROC AUC (NaN when undefined)
   */
  public record Metrics(double loss, double valLoss, double valAccuracy, double valAuc) {}
}
