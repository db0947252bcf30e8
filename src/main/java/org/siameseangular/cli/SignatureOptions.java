package org.siameseangular.cli;

import org.siameseangular.model.LoadOptions;
import picocli.CommandLine.Option;

/**
 * {@code --left-input}, {@code --right-input}, {@code --output}: the names of a SavedModel's
 * signature tensors, for a Keras export whose names are not {@code left, right -> distance}.
 */
final class SignatureOptions {
  @Option(
      names = "--left-input",
      paramLabel = "NAME",
      description =
          "The serving_default input that takes the left strings (default: left). For a Keras"
              + " export whose inputs have other names; needs --right-input.")
  String leftInput;

  @Option(
      names = "--right-input",
      paramLabel = "NAME",
      description = "The serving_default input that takes the right strings (default: right).")
  String rightInput;

  @Option(
      names = "--output",
      paramLabel = "NAME",
      description =
          "The serving_default output with one distance per pair, [B, 1] or [B] (default:"
              + " distance, else the only output, e.g. Keras's output_0).")
  String output;

  LoadOptions toLoadOptions() {
    return LoadOptions.DEFAULT.withInputs(leftInput, rightInput).withOutput(output);
  }
}
