package org.siameseangular.model;

import org.siameseangular.data.PublicApi;

/**
 * Which tensors of a SavedModel's {@code serving_default} signature {@link SimilarityModel} uses,
 * for a model whose names differ from this project's ({@code left, right -> distance}). A null name
 * means "find it": the inputs named {@code left} and {@code right}, and the output named {@code
 * distance} or else the signature's only output (Keras 3 {@code model.export} names it {@code
 * output_0}).
 *
 * <pre>{@code
 * var options = LoadOptions.DEFAULT.withInputs("query", "candidate").withOutput("score");
 * try (var model = SimilarityModel.load(dir, options)) { ... }
 * }</pre>
 *
 * @param leftInput the signature input that takes the left strings, or null for {@code left}
 * @param rightInput the signature input that takes the right strings, or null for {@code right}
 * @param output the signature output with one distance per pair ({@code [B, 1]} or {@code [B]}), or
 *     null for {@code distance} or the only output
 */
@PublicApi
public record LoadOptions(String leftInput, String rightInput, String output) {
  /** Every name found automatically. */
  public static final LoadOptions DEFAULT = new LoadOptions(null, null, null);

  /** Refuses empty names (a null name is found automatically). */
  public LoadOptions {
    for (String name : new String[] {leftInput, rightInput, output}) {
      if (name != null && name.isBlank()) {
        throw new IllegalArgumentException("a signature input or output name must not be blank");
      }
    }
  }

  /** A copy naming the two inputs. */
  public LoadOptions withInputs(String left, String right) {
    return new LoadOptions(left, right, output);
  }

  /** A copy naming the output. */
  public LoadOptions withOutput(String name) {
    return new LoadOptions(leftInput, rightInput, name);
  }
}
