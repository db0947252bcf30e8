package org.siameseangular.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.siameseangular.graph.LstmWeights;
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
 * variables ({@code VariableV2} for a Java export, {@code VarHandleOp} resource variables for a Keras one)
 * are mapped by shape and role: {@code [1, 4u]} kernel, {@code [u, 4u]} recurrent kernel, {@code [4u]} bias.
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
        Operand<TFloat32> value = ref ? (Operand<TFloat32>) (Operand<?>) op.output(0)
            : tf.readVariableOp(op.output(0), TFloat32.class);
        found.add(new Found(op.name(), shape, value));
      }
      return map(dir, found, expectedUnits, bundle.session());
    } catch (TensorFlowException e) {
      throw new ModelException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
  }

  private static LstmWeights map(Path dir, List<Found> found, int expectedUnits, Session session) {
    Found bias = null;
    for (Found f : found) {
      if (f.shape.numDimensions() == 1 && f.shape.size(0) % 4 == 0 && !f.name.contains("optimizer")) {
        if (bias != null) {
          throw mismatch(dir, found, expectedUnits, "more than one candidate bias");
        }
        bias = f;
      }
    }
    if (bias == null) {
      throw mismatch(dir, found, expectedUnits, "no bias of shape [4u]");
    }
    int units = (int) (bias.shape.size(0) / 4);
    if (expectedUnits > 0 && units != expectedUnits) {
      throw mismatch(dir, found, expectedUnits, "its LSTM has " + units + " units");
    }
    Found kernel = null;
    Found recurrent = null;
    for (Found f : found) {
      if (f.name.contains("optimizer") || f.shape.numDimensions() != 2 || f.shape.size(1) != 4L * units) {
        continue;
      }
      boolean isRecurrent = f.shape.size(0) == units && (units != 1 || f.name.contains("recurrent"));
      if (isRecurrent && recurrent == null) {
        recurrent = f;
      } else if (f.shape.size(0) == 1 && kernel == null) {
        kernel = f;
      }
    }
    if (kernel == null || recurrent == null) {
      throw mismatch(dir, found, units, "no kernel [1, 4u] and recurrent kernel [u, 4u] pair");
    }
    try (Result r = session.runner().fetch(kernel.value).fetch(recurrent.value).fetch(bias.value).run()) {
      return new LstmWeights(units, floats(r, 0), floats(r, 1), floats(r, 2));
    }
  }

  private static float[] floats(Result r, int i) {
    TFloat32 t = (TFloat32) r.get(i);
    float[] out = new float[(int) t.shape().size()];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  private static ModelException mismatch(Path dir, List<Found> found, int units, String what) {
    String u = units > 0 ? Integer.toString(units) : "u";
    String expected = String.format(Locale.ROOT,
        "one LSTM on 1 input feature: kernel [1, 4*%s], recurrent_kernel [%s, 4*%s], bias [4*%s]", u, u, u, u);
    List<String> seen = found.stream().map(f -> f.name + " " + f.shape).toList();
    return new ModelException("the model at " + dir + " does not match the architecture: " + what
        + ". Expected " + expected + "; found float variables: "
        + (seen.isEmpty() ? "none" : String.join(", ", seen)));
  }
}
