package org.siameseangular.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.graph.SpecFields;
import org.siameseangular.graph.Tensors;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Reads a model's weights out of a SavedModel, whether this project or Keras exported it, for every
 * encoding and pooling (the pooling adds no weights). The model's shape comes from its {@code
 * siamese-angular.json} ({@link ModelMetadata}); a model without one is taken for the scalar
 * encoding with the default scaling, its units read off the bias. The float variables ({@code
 * VariableV2} in a Java export, {@code VarHandleOp} resource variables in a Keras one) are then
 * mapped by role and shape: code-point table {@code [sum of moduli, d]} (hashed only), kernel
 * {@code [width, 4u]}, recurrent kernel {@code [u, 4u]}, bias {@code [4u]}.
 *
 * <p>A Keras export holds each variable more than once (the restore graph's handle, named like
 * {@code lstm/lstm_cell/kernel}, and the functions' captures, named like {@code Variable_3}):
 * handles with equal values count once. Where two roles share a shape ({@code d == u}, or the
 * scalar kernel at {@code u == 1}) only handles whose name shows the role count ({@code recurrent},
 * {@code embedding}, {@code kernel}).
 */
public final class WeightsReader {
  private WeightsReader() {}

  /**
   * A model's shape and weights.
   *
   * @param spec what the metadata says (or the scalar default with the units found)
   * @param weights the weights, fitting {@code spec}
   */
  public record Model(ModelSpec spec, ModelWeights weights) {}

  private record Found(String name, Shape shape, Operand<TFloat32> value) {}

  /** A role's expected shape and how to recognise its variable when shapes are ambiguous. */
  private record Role(String name, long[] shape, Predicate<String> nameShows) {
    boolean fits(Found f) {
      return Arrays.equals(f.shape.asArray(), shape);
    }

    String describe() {
      return name + " " + Arrays.toString(shape);
    }
  }

  /**
   * The shape and weights of the model in {@code dir}.
   *
   * @throws ModelException when it is no SavedModel, its metadata cannot be read, or its variables
   *     do not fit its shape (the message names what was expected and every float variable found)
   */
  public static Model read(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException("cannot take weights from " + dir + ": no saved_model.pb there");
    }
    ModelMetadata metadata = SimilarityModel.readMetadata(dir);
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), ModelNames.TAG)) {
      List<Found> found = floatVariables(bundle);
      float[][] values = read(found, bundle.session());
      ModelSpec spec = spec(dir, metadata.specFields(), found, values);
      return new Model(spec, map(dir, spec, found, values));
    } catch (TensorFlowException e) {
      throw new ModelException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The LSTM weights of a scalar-encoded model in {@code dir}; {@code expectedUnits} 0 accepts any
   * size.
   */
  public static LstmWeights read(Path dir, int expectedUnits) {
    Model model = read(dir);
    if (expectedUnits > 0 && model.spec().units() != expectedUnits) {
      throw new ModelException(
          "the model at "
              + dir
              + " has "
              + model.spec().units()
              + " LSTM units, expected "
              + expectedUnits);
    }
    if (model.weights().embeddings() != null) {
      throw new ModelException(
          "the model at "
              + dir
              + " uses "
              + model.spec().encoding().describe()
              + ": it has weights beside the LSTM's");
    }
    return model.weights().lstm();
  }

  private static List<Found> floatVariables(SavedModelBundle bundle) {
    Ops tf = Ops.create(bundle.graph());
    List<Found> found = new ArrayList<>();
    for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      boolean ref = op.type().equals("VariableV2");
      boolean resource = op.type().equals("VarHandleOp");
      if (!(ref || resource) || op.attributes().getAttrType("dtype") != DataType.DT_FLOAT) {
        continue;
      }
      if (op.name().contains("optimizer")) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Operand<TFloat32> value =
          ref
              ? (Operand<TFloat32>) (Operand<?>) op.output(0)
              : tf.readVariableOp(op.output(0), TFloat32.class);
      found.add(new Found(op.name(), op.attributes().getAttrShape("shape"), value));
    }
    return found;
  }

  /**
   * The metadata's spec; without one (a bare Keras export), the scalar encoding with the default
   * scaling and clip, the units of the one bias-shaped variable and the metadata's pooling (last
   * when it has none).
   */
  private static ModelSpec spec(Path dir, SpecFields fields, List<Found> found, float[][] values) {
    Pooling pooling;
    try {
      if (fields.complete() || fields.encoding() != null) {
        return fields.toSpec();
      }
      pooling = fields.pooling() == null ? Pooling.LAST : Pooling.parse(fields.pooling());
    } catch (IllegalArgumentException e) {
      throw new ModelException(
          "cannot take weights from "
              + dir
              + ": its "
              + ModelNames.METADATA_FILE
              + " does not describe a model this version builds: "
              + e.getMessage(),
          e);
    }
    Integer units = fields.units();
    if (units == null) {
      float[] bias = null;
      for (int i = 0; i < found.size(); i++) {
        Shape s = found.get(i).shape;
        if (values[i] == null || s.numDimensions() != 1 || s.size(0) % 4 != 0) {
          continue;
        }
        if (bias != null && !Arrays.equals(bias, values[i])) {
          throw mismatch(dir, null, found, "more than one distinct vector that could be the bias");
        }
        bias = values[i];
      }
      if (bias == null || bias.length == 0) {
        throw mismatch(dir, null, found, "no bias [4u]");
      }
      units = bias.length / 4;
    }
    return new ModelSpec(
        units,
        new InputEncoding.Scalar(
            orDefault(fields.inputCenter(), ModelSpec.DEFAULT_INPUT_CENTER),
            orDefault(fields.inputScale(), ModelSpec.DEFAULT_INPUT_SCALE)),
        orDefault(fields.clipEpsilon(), ModelSpec.DEFAULT_CLIP_EPSILON),
        pooling);
  }

  private static float orDefault(Float value, float otherwise) {
    return value == null ? otherwise : value;
  }

  private static ModelWeights map(Path dir, ModelSpec spec, List<Found> found, float[][] values) {
    int u = spec.units();
    int width = spec.encoding().width();
    List<Role> roles = new ArrayList<>();
    if (spec.encoding() instanceof InputEncoding.Table h) {
      roles.add(
          new Role(
              "code-point table",
              new long[] {h.rows(), h.dimension()},
              n -> n.contains("embedding")));
    }
    roles.add(
        new Role(
            "kernel",
            new long[] {width, 4L * u},
            n -> n.contains("kernel") && !n.contains("recurrent")));
    roles.add(new Role("recurrent kernel", new long[] {u, 4L * u}, n -> n.contains("recurrent")));
    roles.add(new Role("bias", new long[] {4L * u}, n -> n.contains("bias")));
    List<float[]> chosen = new ArrayList<>();
    for (Role role : roles) {
      boolean shared =
          roles.stream()
              .anyMatch(other -> other != role && Arrays.equals(other.shape(), role.shape()));
      chosen.add(unique(dir, spec, found, values, role, shared));
    }
    int n = chosen.size();
    var lstm = new LstmWeights(u, chosen.get(n - 3), chosen.get(n - 2), chosen.get(n - 1));
    return new ModelWeights(n == 4 ? chosen.get(0) : null, lstm);
  }

  private static float[] unique(
      Path dir, ModelSpec spec, List<Found> found, float[][] values, Role role, boolean shared) {
    float[] chosen = null;
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      if (values[i] == null || !role.fits(f)) {
        continue;
      }
      if (shared && !role.nameShows().test(f.name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (chosen == null) {
        chosen = values[i];
      } else if (!Arrays.equals(chosen, values[i])) {
        throw mismatch(dir, spec, found, "more than one distinct " + role.describe());
      }
    }
    if (chosen == null) {
      throw mismatch(dir, spec, found, "no " + role.describe());
    }
    return chosen;
  }

  /**
   * Values of each candidate; null for a handle that holds no value (a TF2 export has unused ones).
   */
  private static float[][] read(List<Found> found, Session session) {
    float[][] out = new float[found.size()][];
    for (int i = 0; i < out.length; i++) {
      try (Result r = session.runner().fetch(found.get(i).value).run()) {
        out[i] = Tensors.floats(r.get(0));
      } catch (TensorFlowException e) {
        out[i] = null;
      }
    }
    return out;
  }

  private static ModelException mismatch(Path dir, ModelSpec spec, List<Found> found, String what) {
    String expected;
    String hint = "";
    if (spec == null) {
      expected = "one LSTM (kernel [1, 4u], recurrent_kernel [u, 4u], bias [4u])";
    } else {
      int u = spec.units();
      int width = spec.encoding().width();
      String table =
          spec.encoding() instanceof InputEncoding.Table h
              ? ModelNames.EMBEDDINGS + " [" + h.rows() + ", " + h.dimension() + "], "
              : "";
      expected =
          String.format(
              Locale.ROOT,
              "%s with %d units: %s%s [%d, %d], %s [%d, %d], %s [%d]",
              spec.encoding().describe(),
              u,
              table,
              ModelNames.KERNEL,
              width,
              4 * u,
              ModelNames.RECURRENT_KERNEL,
              u,
              4 * u,
              ModelNames.BIAS,
              4 * u);
      if (spec.encoding() instanceof InputEncoding.Scalar
          && found.stream()
              .anyMatch(
                  f ->
                      f.shape.numDimensions() == 2
                              && f.shape.size(0) > 1
                              && f.shape.size(1) == 4L * u
                              && !f.name.toLowerCase(Locale.ROOT).contains("recurrent")
                          || f.name.toLowerCase(Locale.ROOT).contains("embedding"))) {
        hint =
            ". A code-point table or a kernel of several rows belongs to a hashed-encoding model:"
                + " its "
                + ModelNames.METADATA_FILE
                + " must say \"encoding\": \"hashed\" with \"hashModuli\" and"
                + " \"embeddingDimension\"";
      }
    }
    List<String> seen = found.stream().map(f -> f.name + " " + f.shape).toList();
    return new ModelException(
        "the model at "
            + dir
            + " does not match its architecture: "
            + what
            + ". Expected "
            + expected
            + "; found float variables: "
            + (seen.isEmpty() ? "none" : String.join(", ", seen))
            + hint);
  }
}
