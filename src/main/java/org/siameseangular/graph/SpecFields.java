package org.siameseangular.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ModelSpec} as the flat fields that model metadata ({@code siamese-angular.json}) and
 * checkpoints store: {@code units}, {@code encoding}, the encoding's parameters and {@code
 * clipEpsilon}, {@code pooling}. Every field may be missing in a file; {@link #toSpec()} says which
 * ones a spec needs. A file without {@code encoding} is scalar: every model and checkpoint written
 * before the hashed encoding existed, the Keras reference's too. A file without {@code pooling}
 * pools by {@link Pooling#LAST}: every model and checkpoint written before mean-bag existed.
 *
 * @param units LSTM units
 * @param encoding {@code "scalar"}, {@code "hashed"} or {@code "folded"} ({@link
 *     InputEncoding#kind()}); null = scalar
 * @param inputCenter the scalar encoding's centre
 * @param inputScale the scalar encoding's scale
 * @param hashModuli the hashed or folded encoding's moduli
 * @param embeddingDimension the hashed or folded encoding's features per step
 * @param clipEpsilon the cosine clip
 * @param pooling {@code "last"}, {@code "mean-bag"}, {@code "words"} or {@code "windows"} ({@link
 *     Pooling#id()}); null = last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpecFields(
    Integer units,
    String encoding,
    Float inputCenter,
    Float inputScale,
    List<Integer> hashModuli,
    Integer embeddingDimension,
    Float clipEpsilon,
    String pooling) {

  /** The fields of {@code spec}; the other encoding's fields are null. */
  public static SpecFields of(ModelSpec spec) {
    InputEncoding e = spec.encoding();
    var scalar = e instanceof InputEncoding.Scalar s ? s : null;
    var hashed = e instanceof InputEncoding.Table h ? h : null;
    return new SpecFields(
        spec.units(),
        e.kind(),
        scalar == null ? null : scalar.center(),
        scalar == null ? null : scalar.scale(),
        hashed == null ? null : hashed.moduli(),
        hashed == null ? null : hashed.dimension(),
        spec.clipEpsilon(),
        spec.pooling().id());
  }

  /** True when every field a spec needs is present (see {@link #toSpec()}). */
  public boolean complete() {
    return missing().isEmpty() && knownEncoding() && knownPooling();
  }

  /**
   * The spec these fields describe.
   *
   * @throws IllegalArgumentException naming the missing fields, an unknown encoding or pooling, or
   *     a value out of range
   */
  public ModelSpec toSpec() {
    if (!knownPooling()) {
      Pooling.parse(pooling); // throws, naming the poolings this version knows
    }
    if (!knownEncoding()) {
      throw new IllegalArgumentException(
          "unknown encoding \""
              + encoding
              + "\": this version knows \""
              + InputEncoding.Scalar.KIND
              + "\", \""
              + InputEncoding.Hashed.KIND
              + "\" and \""
              + InputEncoding.Folded.KIND
              + "\"");
    }
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the model's shape is incomplete: "
              + String.join(", ", missing)
              + " missing for the "
              + kind()
              + " encoding");
    }
    InputEncoding e;
    if (InputEncoding.Folded.KIND.equals(encoding)) {
      e = new InputEncoding.Folded(hashModuli, embeddingDimension);
    } else if (isHashed()) {
      e = new InputEncoding.Hashed(hashModuli, embeddingDimension);
    } else {
      e = new InputEncoding.Scalar(inputCenter, inputScale);
    }
    return new ModelSpec(units, e, clipEpsilon, poolingOrLast());
  }

  /** The pooling the fields give: {@link Pooling#LAST} when the field is absent. */
  private Pooling poolingOrLast() {
    return pooling == null ? Pooling.LAST : Pooling.parse(pooling);
  }

  private boolean knownPooling() {
    try {
      poolingOrLast();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String kind() {
    return encoding == null ? InputEncoding.Scalar.KIND : encoding;
  }

  private boolean isHashed() {
    return InputEncoding.Hashed.KIND.equals(encoding);
  }

  /** Hashed or folded: the encodings by a table, with moduli and a dimension. */
  private boolean hasTable() {
    return isHashed() || InputEncoding.Folded.KIND.equals(encoding);
  }

  private boolean knownEncoding() {
    return encoding == null || hasTable() || InputEncoding.Scalar.KIND.equals(encoding);
  }

  private List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (units == null) {
      missing.add("units");
    }
    if (hasTable()) {
      if (hashModuli == null) {
        missing.add("hashModuli");
      }
      if (embeddingDimension == null) {
        missing.add("embeddingDimension");
      }
    } else {
      if (inputCenter == null) {
        missing.add("inputCenter");
      }
      if (inputScale == null) {
        missing.add("inputScale");
      }
    }
    if (clipEpsilon == null) {
      missing.add("clipEpsilon");
    }
    return missing;
  }
}
