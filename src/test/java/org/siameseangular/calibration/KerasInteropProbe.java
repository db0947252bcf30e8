package org.siameseangular.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.siameseangular.data.KindedPair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.report.Json;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * The Java half of python-export/encoding_probe.py, which checks that the new encodings cross between Java and
 * Keras:
 *
 * <pre>
 *   export DIR key=value...       a Java SavedModel of the encoding (random weights from seed 42) and
 *                                 DIR/../probe-pairs.json with multi-script pairs and Java's distances
 *   import DIR PAIRS key=value... loads a Keras export with SimilarityModel, maps its variables back by shape
 *                                 (the table [sum of moduli, d], kernel [d, 4u], recurrent kernel [u, 4u] and
 *                                 bias [4u]), rebuilds the Java graph with them, and prints both sets of
 *                                 distances' largest difference from the Keras ones in PAIRS
 * </pre>
 */
public final class KerasInteropProbe {
  private KerasInteropProbe() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = args[0].equals("export") ? 2 : 3; i < args.length; i++) {
      a.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    var spec = new ModelSpec(Integer.parseInt(a.getOrDefault("units", "8")),
        EncodingCalibration.encoding(a), ModelSpec.DEFAULT_CLIP_EPSILON);
    if (args[0].equals("export")) {
      export(Path.of(args[1]), spec);
    } else {
      importKeras(Path.of(args[1]), Path.of(args[2]), spec);
    }
  }

  private static void export(Path dir, ModelSpec spec) throws IOException {
    ModelWeights weights = KerasInitializers.model(spec, 42);
    PrototypeExport.export(dir, spec, weights);
    List<String> lefts = new ArrayList<>();
    List<String> rights = new ArrayList<>();
    var random = new SplittableRandom(3);
    for (Script s : Script.values()) {
      for (KindedPair k : CalibrationData.typos(s, 4, random.split())) {
        lefts.add(k.pair().left());
        rights.add(k.pair().right());
      }
    }
    lefts.addAll(List.of("東京", "Петров", "αβγ", "colour", "a", "\uD83D\uDE00x"));
    rights.addAll(List.of("大阪", "Иванов", "ωψχ", "color", "a", "\uD83D\uDE01x"));
    float[] d;
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      d = model.distances(lefts, rights);
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("encoding", spec.encoding().describe());
    out.put("left", lefts);
    out.put("right", rights);
    List<Double> ds = new ArrayList<>();
    for (float f : d) {
      ds.add((double) f);
    }
    out.put("javaDistance", ds);
    Files.writeString(dir.resolveSibling("probe-pairs.json"), Json.write(out), StandardCharsets.UTF_8);
    System.out.println("exported " + dir + " (" + spec.encoding().describe() + ")");
  }

  @SuppressWarnings("unchecked")
  private static void importKeras(Path dir, Path pairsFile, ModelSpec spec) throws IOException {
    var pairs = (Map<String, Object>) Json.parse(Files.readString(pairsFile, StandardCharsets.UTF_8));
    List<String> lefts = (List<String>) pairs.get("left");
    List<String> rights = (List<String>) pairs.get("right");
    List<Number> keras = (List<Number>) pairs.get("kerasDistance");
    float[] loaded;
    try (SimilarityModel model = SimilarityModel.load(dir)) {
      loaded = model.distances(lefts, rights);
    }
    ModelWeights mapped = mapByShape(dir, spec);
    Path rebuilt = Files.createTempDirectory("probe-rebuilt").resolve("model");
    PrototypeExport.export(rebuilt, spec, mapped);
    float[] java;
    try (SimilarityModel model = SimilarityModel.load(rebuilt)) {
      java = model.distances(lefts, rights);
    }
    double maxLoaded = 0;
    double maxJava = 0;
    for (int i = 0; i < keras.size(); i++) {
      maxLoaded = Math.max(maxLoaded, Math.abs(loaded[i] - keras.get(i).doubleValue()));
      maxJava = Math.max(maxJava, Math.abs(java[i] - keras.get(i).doubleValue()));
    }
    System.out.println("Keras export scored by SimilarityModel: max |d - keras| = " + maxLoaded);
    System.out.println("weights mapped back by shape into the Java graph: max |d - keras| = " + maxJava);
  }

  /** The float variables of a Keras (TF2) export, mapped by shape as model/WeightsReader does for the LSTM. */
  static ModelWeights mapByShape(Path dir, ModelSpec spec) {
    int u = spec.units();
    int width = spec.encoding().width();
    List<long[]> tables = spec.encoding().tableShapes();
    float[] table = null;
    float[] kernel = null;
    float[] recurrent = null;
    float[] bias = null;
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
      Ops tf = Ops.create(bundle.graph());
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (!op.type().equals("VarHandleOp") || op.attributes().getAttrType("dtype") != DataType.DT_FLOAT) {
          continue;
        }
        Shape shape = op.attributes().getAttrShape("shape");
        float[] values;
        Operand<TFloat32> read = tf.readVariableOp(op.output(0), TFloat32.class);
        try (Result r = bundle.session().runner().fetch(read).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          values = new float[(int) t.shape().size()];
          t.asRawTensor().data().asFloats().read(values);
        } catch (TensorFlowException e) {
          continue; // a handle without a value (TF2 exports hold unused captures)
        }
        System.out.println("  variable " + op.name() + " " + shape);
        boolean recurrentName = op.name().contains("recurrent");
        if (!tables.isEmpty() && shape.numDimensions() == 2 && shape.get(0) == tables.get(0)[0]
            && shape.get(1) == tables.get(0)[1]) {
          table = values;
        } else if (shape.numDimensions() == 2 && shape.get(0) == width && shape.get(1) == 4L * u
            && !recurrentName) {
          kernel = values;
        } else if (shape.numDimensions() == 2 && shape.get(0) == u && shape.get(1) == 4L * u) {
          recurrent = values;
        } else if (shape.numDimensions() == 1 && shape.get(0) == 4L * u) {
          bias = values;
        }
      }
    }
    if (kernel == null || recurrent == null || bias == null || (!tables.isEmpty() && table == null)) {
      throw new IllegalStateException("could not map every variable of " + dir);
    }
    return new ModelWeights(table == null ? List.of() : List.of(table), new LstmWeights(u, kernel, recurrent,
        bias));
  }

}
