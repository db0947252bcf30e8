package org.siameseangular.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.siameseangular.graph.InputFormat;
import org.siameseangular.graph.ModelNames;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * The tensors a {@link SimilarityModel} runs, found in a SavedModel's signatures: {@code
 * serving_default} with two code-point inputs and one distance per pair, and optionally {@code
 * embed} with one code-point input and one embedding per text. Accepts this project's exports and
 * ordinary Keras 3 {@code model.export} directories (an output named {@code output_0}, integer
 * inputs for an {@code Embedding}); {@link LoadOptions} names what cannot be found automatically.
 *
 * @param left the left strings' input
 * @param right the right strings' input
 * @param distance the tensor name of the distances ({@code [B, 1]} or {@code [B]}, float32)
 * @param text the embed signature's input, or null when the model has no {@code embed}
 * @param embedding the tensor name of the embeddings {@code [B, embedding size]} (units, or units +
 *     width for the other poolings), or null
 */
record SignatureContract(Input left, Input right, String distance, Input text, String embedding) {

  /** A signature input: its tensor name and how code points are fed to it. */
  record Input(String tensor, InputFormat format) {}

  /** Resolves the contract, or throws {@link ModelException} saying what was wrong and found. */
  static SignatureContract of(Path dir, List<Signature> signatures, LoadOptions options) {
    return new Resolver(dir, signatures).resolve(options);
  }

  /** Whether the model has an {@code embed} signature. */
  boolean canEmbed() {
    return text != null;
  }

  private static final class Resolver {
    private final Path dir;
    private final Map<String, Signature> all;

    Resolver(Path dir, List<Signature> signatures) {
      this.dir = dir;
      this.all =
          signatures.stream()
              .collect(
                  Collectors.toMap(
                      Signature::key,
                      Function.identity(),
                      (a, b) -> a,
                      java.util.LinkedHashMap::new));
    }

    SignatureContract resolve(LoadOptions options) {
      Signature scoring = all.get(ModelNames.DISTANCE_SIGNATURE);
      if (scoring == null) {
        throw error("it has no \"" + ModelNames.DISTANCE_SIGNATURE + "\" signature");
      }
      Input left = input(scoring, inputName(scoring, options.leftInput(), ModelNames.LEFT));
      Input right = input(scoring, inputName(scoring, options.rightInput(), ModelNames.RIGHT));
      if (left.tensor().equals(right.tensor())) {
        throw error("the left and the right input are the same tensor, " + left.tensor());
      }
      String distanceKey = outputName(scoring, options.output());
      String distance = output(scoring, distanceKey, false);
      Signature embed = all.get(ModelNames.EMBED_SIGNATURE);
      if (embed == null) {
        return new SignatureContract(left, right, distance, null, null);
      }
      Input text = input(embed, named(embed, ModelNames.TEXT, true));
      String embedding = output(embed, named(embed, ModelNames.EMBEDDING, false), true);
      return new SignatureContract(left, right, distance, text, embedding);
    }

    /** The chosen input's key: the option if given, else {@code fallback}; it must exist. */
    private String inputName(Signature s, String chosen, String fallback) {
      String key = chosen != null ? chosen : fallback;
      if (!s.getInputs().containsKey(key)) {
        throw error(
            "signature \""
                + s.key()
                + "\" has no input \""
                + key
                + "\"; its inputs are "
                + quoted(s.inputNames())
                + ". Name the inputs that take the left and the right strings with"
                + " --left-input and --right-input (LoadOptions.withInputs in the API)");
      }
      return key;
    }

    /** The option if given, else {@code distance}, else the only output. */
    private String outputName(Signature s, String chosen) {
      var outputs = s.getOutputs();
      String hint =
          ". Name the output with one distance per pair with --output (LoadOptions.withOutput in"
              + " the API)";
      if (chosen != null) {
        if (!outputs.containsKey(chosen)) {
          throw error(
              "signature \""
                  + s.key()
                  + "\" has no output \""
                  + chosen
                  + "\"; its outputs are "
                  + quoted(s.outputNames())
                  + hint);
        }
        return chosen;
      }
      if (outputs.containsKey(ModelNames.DISTANCE)) {
        return ModelNames.DISTANCE;
      }
      if (outputs.size() == 1) {
        return outputs.keySet().iterator().next();
      }
      throw error(
          "signature \""
              + s.key()
              + "\" has "
              + (outputs.isEmpty() ? "no outputs" : "several outputs, " + quoted(s.outputNames()))
              + " and none is named \""
              + ModelNames.DISTANCE
              + "\""
              + hint);
    }

    /** {@code name} if the signature has it, else its only input or output. */
    private String named(Signature s, String name, boolean input) {
      var found = input ? s.getInputs() : s.getOutputs();
      if (found.containsKey(name) || found.size() != 1) {
        return name;
      }
      return found.keySet().iterator().next();
    }

    private Input input(Signature s, String key) {
      Signature.TensorDescription d = s.getInputs().get(key);
      if (d == null) {
        throw error("signature \"" + s.key() + "\" has no input \"" + key + "\"");
      }
      InputFormat format = InputFormat.of(d.dataType, d.shape);
      if (format == null) {
        throw error(
            "input \""
                + key
                + "\" of \""
                + s.key()
                + "\" is "
                + d.dataType
                + " "
                + d.shape
                + ", expected code points: DT_FLOAT, DT_INT32 or DT_INT64, shaped [batch, time, 1]"
                + " or [batch, time]");
      }
      return new Input(d.name, format);
    }

    private String output(Signature s, String key, boolean embedding) {
      Signature.TensorDescription d = s.getOutputs().get(key);
      if (d == null) {
        throw error("signature \"" + s.key() + "\" has no output \"" + key + "\"");
      }
      Shape shape = d.shape;
      boolean shapeOk =
          embedding
              ? shape.isUnknown() || shape.numDimensions() == 2
              : shape.isUnknown()
                  || shape.numDimensions() == 1
                  || (shape.numDimensions() == 2 && shape.size(1) <= 1);
      if (d.dataType != DataType.DT_FLOAT || !shapeOk) {
        throw error(
            "output \""
                + key
                + "\" of \""
                + s.key()
                + "\" is "
                + d.dataType
                + " "
                + shape
                + ", expected DT_FLOAT "
                + (embedding ? "[batch, units]" : "[batch, 1] or [batch] (one distance per pair)"));
      }
      return d.name;
    }

    private ModelException error(String what) {
      var found = new ArrayList<String>();
      all.forEach(
          (k, s) ->
              found.add(
                  k
                      + "("
                      + String.join(", ", s.inputNames())
                      + ") -> "
                      + String.join(", ", s.outputNames())));
      return new ModelException(
          "the SavedModel at "
              + dir
              + " does not match the scoring contract: "
              + what
              + ". Expected serving_default(left, right) -> one distance per pair [and"
              + " embed(text) -> embedding]; found: "
              + (found.isEmpty() ? "no signatures" : String.join("; ", found)));
    }

    private static String quoted(java.util.Collection<String> names) {
      return names.isEmpty()
          ? "none"
          : names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }
  }
}
