package org.siameseangular.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.siameseangular.graph.LstmWeights;
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
 * Reads the LSTM weights out of a SavedModel, whether this project or Keras exported it: the float
 * variables ({@code VariableV2} for a Java export, {@code VarHandleOp} resource variables for a
 * Keras one) are mapped by shape and role: {@code [1, 4u]} kernel, {@code [u, 4u]} recurrent
 * kernel, {@code [4u]} bias.
 */
public final class WeightsReader {
  private WeightsReader() {}

  private record Found(String name, Shape shape, Operand<TFloat32> value) {}

  /** The LSTM weights in {@code dir}; {@code expectedUnits} 0 accepts any size. */
  public static LstmWeights read(Path dir, int expectedUnits) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException("cannot take weights from " + dir + ": no saved_model.pb there");
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
      Ops tf = Ops.create(bundle.graph());
      List<Found> found = new ArrayList<>();
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        boolean ref = op.type().equals("VariableV2");
        boolean resource = op.type().equals("VarHandleOp");
        if (!(ref || resource) || op.attributes().getAttrType("dtype") != DataType.DT_FLOAT) {
          continue;
        }
        Shape shape = op.attributes().getAttrShape("shape");
        @SuppressWarnings("unchecked")
        Operand<TFloat32> value =
            ref
                ? (Operand<TFloat32>) (Operand<?>) op.output(0)
                : tf.readVariableOp(op.output(0), TFloat32.class);
        found.add(new Found(op.name(), shape, value));
      }
      return map(dir, found, expectedUnits, bundle.session());
    } catch (TensorFlowException e) {
      throw new ModelException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
  }

  private static LstmWeights map(Path dir, List<Found> all, int expectedUnits, Session session) {
    List<Found> found = all.stream().filter(f -> !f.name.contains("optimizer")).toList();
    float[][] values = read(found, session);
    // A Keras (TF2) export holds several handles of one variable (the restore graph's and the
    // functions'
    // captures): candidates with equal values count once.
    float[] bias =
        unique(
            dir,
            all,
            expectedUnits,
            found,
            values,
            "bias [4u]",
            f -> f.shape.numDimensions() == 1 && f.shape.size(0) % 4 == 0);
    int units = bias.length / 4;
    if (expectedUnits > 0 && units != expectedUnits) {
      throw mismatch(dir, all, expectedUnits, "its LSTM has " + units + " units");
    }
    float[] kernel =
        unique(
            dir,
            all,
            units,
            found,
            values,
            "kernel [1, 4u]",
            f ->
                f.shape.numDimensions() == 2
                    && f.shape.size(0) == 1
                    && f.shape.size(1) == 4L * units
                    && (units != 1 || !f.name.contains("recurrent")));
    float[] recurrent =
        unique(
            dir,
            all,
            units,
            found,
            values,
            "recurrent kernel [u, 4u]",
            f ->
                f.shape.numDimensions() == 2
                    && f.shape.size(0) == units
                    && f.shape.size(1) == 4L * units
                    && (units != 1 || f.name.contains("recurrent")));
    return new LstmWeights(units, kernel, recurrent, bias);
  }

  private static float[] unique(
      Path dir,
      List<Found> all,
      int units,
      List<Found> found,
      float[][] values,
      String role,
      java.util.function.Predicate<Found> matches) {
    float[] chosen = null;
    for (int i = 0; i < found.size(); i++) {
      if (values[i] == null || !matches.test(found.get(i))) {
        continue;
      }
      if (chosen == null) {
        chosen = values[i];
      } else if (!java.util.Arrays.equals(chosen, values[i])) {
        throw mismatch(dir, all, units, "more than one distinct " + role);
      }
    }
    if (chosen == null) {
      throw mismatch(dir, all, units, "no " + role);
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

  private static ModelException mismatch(Path dir, List<Found> found, int units, String what) {
    String u = units > 0 ? Integer.toString(units) : "u";
    String expected =
        String.format(
            Locale.ROOT,
            "one LSTM on 1 input feature: kernel [1, 4*%s], recurrent_kernel [%s, 4*%s], bias"
                + " [4*%s]",
            u,
            u,
            u,
            u);
    List<String> seen = found.stream().map(f -> f.name + " " + f.shape).toList();
    return new ModelException(
        "the model at "
            + dir
            + " does not match the architecture: "
            + what
            + ". Expected "
            + expected
            + "; found float variables: "
            + (seen.isEmpty() ? "none" : String.join(", ", seen)));
  }
}
