package org.siameseangular.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.report.Json;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A loaded model that scores string pairs. Safe to use from many threads at once; {@link #close()} waits for
 * calls in flight, and calls after it fail with {@link IllegalStateException}.
 *
 * <p>Inputs and outputs are found through the SavedModel's signatures ({@code serving_default}:
 * {@code left, right -> distance}; optionally {@code embed}: {@code text -> embedding}), never through raw op
 * names, so models exported by Keras with that contract load too. Loading runs the model's graph: load only
 * models you trust.
 *
 * <pre>{@code
 * try (var model = SimilarityModel.load(Path.of("models/siamese-lstm"))) {
 *   float d = model.distance("colour", "color");   // 0 = same direction, 1 = opposite
 * }
 * }</pre>
 */
public final class SimilarityModel implements AutoCloseable {
  /**
   * Pairs per session run in {@link #distances}. Pairs are sorted by length and cut into runs of at most this
   * many, so that each run pads to a length close to its own strings' (the LSTM runs every row to the longest).
   * On 2 cores, 256 and 512 scored 1,024 pairs 1.2 to 1.3x faster than one run of 1,024 (BENCHMARKS.md).
   */
  public static final int MAX_BATCH = 256;

  /**
   * Texts per session run in {@link #embed(List)}, length-sorted as in {@link #distances}. Embedding 200,000
   * generated names on 2 shared cores cost 2.2 to 2.9 s of CPU at every size tried (128, 256, 512, 1,024,
   * 2,048): within noise, so the middle one.
   */
  public static final int EMBED_BATCH = 512;

  /**
   * One thread per op, two ops at once (the two LSTM calls run side by side): on 2 cores this scored batches of
   * 1,024 pairs 1.2 to 1.6x faster than TensorFlow's defaults (0/0, 1/1 and 2/1 were tried; BENCHMARKS.md).
   */
  static final ConfigProto SESSION_CONFIG =
      ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(2).build();

  private final Path dir;
  private final SavedModelBundle bundle;
  private final Session session;
  private final String leftName;
  private final String rightName;
  private final String distanceName;
  private final String textName;
  private final String embeddingName;
  private final Map<String, Object> metadata;
  private final String fingerprint;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private SimilarityModel(Path dir, SavedModelBundle bundle, Map<String, Object> metadata, String fingerprint) {
    this.dir = dir;
    this.fingerprint = fingerprint;
    this.bundle = bundle;
    this.session = bundle.session();
    this.metadata = metadata;
    Map<String, Signature> signatures =
        bundle.signatures().stream().collect(Collectors.toMap(Signature::key, s -> s));
    Signature scoring = signatures.get(ModelNames.DISTANCE_SIGNATURE);
    if (scoring == null) {
      throw contractError("it has no \"" + ModelNames.DISTANCE_SIGNATURE + "\" signature", signatures);
    }
    leftName = input(scoring, ModelNames.LEFT, signatures);
    rightName = input(scoring, ModelNames.RIGHT, signatures);
    distanceName = output(scoring, ModelNames.DISTANCE, signatures);
    Signature embed = signatures.get(ModelNames.EMBED_SIGNATURE);
    textName = embed == null ? null : input(embed, ModelNames.TEXT, signatures);
    embeddingName = embed == null ? null : output(embed, ModelNames.EMBEDDING, signatures);
  }

  /** Loads the SavedModel in {@code dir}. Throws {@link ModelException} with what was wrong. */
  public static SimilarityModel load(Path dir) {
    try {
      AtomicDirectory.recover(dir);
    } catch (IOException e) {
      throw new ModelException("cannot recover the model at " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.exists(dir)) {
      throw new ModelException("no model at " + dir + ": the directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new ModelException("no model at " + dir + ": it is a file, expected a SavedModel directory");
    }
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException(dir + " is not a SavedModel: saved_model.pb is missing"
          + " (expected a directory written by `train --out` or Keras `model.export`)");
    }
    Map<String, Object> metadata = readMetadata(dir);
    String fingerprint = fingerprint(dir);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(dir.toString()).withTags(ModelNames.TAG)
          .withConfigProto(SESSION_CONFIG).load();
    } catch (TensorFlowException | IllegalArgumentException e) {
      throw new ModelException("cannot load the SavedModel at " + dir + " (is it complete, and written by"
          + " TensorFlow 2.18 or older?): " + firstLine(e.getMessage()), e);
    }
    SimilarityModel model;
    try {
      // A model replaced (atomically) while it loaded would carry the other version's fingerprint.
      if (!fingerprint.equals(fingerprint(dir))) {
        throw new ModelException("the model at " + dir + " changed while it was being loaded; load it again");
      }
      model = new SimilarityModel(dir, bundle, metadata, fingerprint);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
    // A SavedModel whose variables could not be restored loads, then fails on first use: try it now.
    try {
      model.distance("a", "b");
    } catch (TensorFlowException | ModelException e) {
      model.close();
      throw new ModelException("the SavedModel at " + dir + " loads but cannot score (are its variables"
          + " files complete?): " + firstLine(e.getMessage()), e);
    }
    return model;
  }

  /** The angular distance of one pair, in [0, 1]. */
  public float distance(String left, String right) {
    return distances(List.of(left), List.of(right))[0];
  }

  /** Distances of {@code lefts.get(i)} and {@code rights.get(i)}, in order. */
  public float[] distances(List<String> lefts, List<String> rights) {
    if (lefts.size() != rights.size()) {
      throw new IllegalArgumentException(
          "lefts and rights differ in size: " + lefts.size() + " vs " + rights.size());
    }
    int n = lefts.size();
    int[][] l = new int[n][];
    int[][] r = new int[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      l[i] = CodePoints.of(lefts.get(i));
      r[i] = CodePoints.of(rights.get(i));
      order[i] = i;
    }
    if (n > 1) {
      Arrays.sort(order, Comparator.comparingInt(i -> Math.max(l[i].length, r[i].length)));
    }
    float[] out = new float[n];
    for (int start = 0; start < n; start += MAX_BATCH) {
      int size = Math.min(MAX_BATCH, n - start);
      int[][] bl = new int[size][];
      int[][] br = new int[size][];
      int time = 1;
      for (int k = 0; k < size; k++) {
        bl[k] = l[order[start + k]];
        br[k] = r[order[start + k]];
        time = Math.max(time, Math.max(bl[k].length, br[k].length));
      }
      float[] d = run(distanceName, leftName, CodePoints.tensor(bl, time), rightName,
          CodePoints.tensor(br, time), size);
      for (int k = 0; k < size; k++) {
        out[order[start + k]] = d[k];
      }
    }
    return out;
  }

  /** The embedding of {@code text} (length {@link #units()}); needs the {@code embed} signature. */
  public float[] embed(String text) {
    requireEmbedSignature();
    int[][] points = {CodePoints.of(text)};
    return run(embeddingName, textName, CodePoints.tensor(points, Math.max(1, points[0].length)), null, null,
        -1);
  }

  /**
   * Embeddings of {@code texts}, row i for text i, each as long as the model's embedding. Texts are sorted by
   * length and cut into runs of at most {@link #EMBED_BATCH}, as {@link #distances} does, so that each run pads to
   * a length close to its own strings'. Needs the {@code embed} signature.
   */
  public float[][] embed(List<String> texts) {
    requireEmbedSignature();
    int n = texts.size();
    int[][] points = new int[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      points[i] = CodePoints.of(texts.get(i));
      order[i] = i;
    }
    if (n > 1) {
      Arrays.sort(order, Comparator.comparingInt(i -> points[i].length));
    }
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += EMBED_BATCH) {
      int size = Math.min(EMBED_BATCH, n - start);
      int[][] batch = new int[size][];
      int time = 1;
      for (int k = 0; k < size; k++) {
        batch[k] = points[order[start + k]];
        time = Math.max(time, batch[k].length);
      }
      float[] flat = run(embeddingName, textName, CodePoints.tensor(batch, time), null, null, -1);
      if (flat.length == 0 || flat.length % size != 0) {
        throw new ModelException("the model's " + embeddingName + " returned " + flat.length + " values for "
            + size + " texts; expected shape [batch, units]");
      }
      int width = flat.length / size;
      for (int k = 0; k < size; k++) {
        out[order[start + k]] = Arrays.copyOfRange(flat, k * width, (k + 1) * width);
      }
    }
    return out;
  }

  private void requireEmbedSignature() {
    if (textName == null) {
      throw new UnsupportedOperationException(
          "the model at " + dir + " has no \"" + ModelNames.EMBED_SIGNATURE + "\" signature");
    }
  }

  /** The metadata written with the model; empty for a model without {@code siamese-angular.json}. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The decision threshold stored with the model, if any. */
  public OptionalDouble threshold() {
    Object t = metadata.get("threshold");
    return t instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  public Path directory() {
    return dir;
  }

  /**
   * The {@link ModelFingerprint} of the files this model was loaded from, read when it loaded: an index of
   * embeddings records it, and refuses a model with another one.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprint(Path dir) {
    try {
      return ModelFingerprint.of(dir);
    } catch (IOException e) {
      throw new ModelException("cannot read the model files in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Feeds one or two tensors (closing them) and reads one float output. */
  private float[] run(String output, String name1, TFloat32 t1, String name2, TFloat32 t2, int expected) {
    try (t1; t2) {
      var read = lock.readLock();
      read.lock();
      try {
        if (closed) {
          throw new IllegalStateException("the model at " + dir + " is closed");
        }
        Session.Runner runner = session.runner().feed(name1, t1);
        if (name2 != null) {
          runner.feed(name2, t2);
        }
        try (Result result = runner.fetch(output).run()) {
          TFloat32 values = (TFloat32) result.get(0);
          float[] out = new float[(int) values.shape().size()];
          values.asRawTensor().data().asFloats().read(out);
          if (expected >= 0 && out.length != expected) {
            throw new ModelException("the model's " + output + " returned " + out.length
                + " values for " + expected + " pairs; expected shape [batch, 1]");
          }
          return out;
        }
      } finally {
        read.unlock();
      }
    }
  }

  /** Frees the model. Idempotent; waits for calls in flight; later calls throw IllegalStateException. */
  @Override
  public void close() {
    var write = lock.writeLock();
    write.lock();
    try {
      if (!closed) {
        closed = true;
        bundle.close();
      }
    } finally {
      write.unlock();
    }
  }

  private String input(Signature s, String key, Map<String, Signature> all) {
    Signature.TensorDescription d = s.getInputs().get(key);
    if (d == null) {
      throw contractError("signature \"" + s.key() + "\" has no input \"" + key + "\"", all);
    }
    checkSequence(s, key, d, all);
    return d.name;
  }

  private String output(Signature s, String key, Map<String, Signature> all) {
    Signature.TensorDescription d = s.getOutputs().get(key);
    if (d == null) {
      throw contractError("signature \"" + s.key() + "\" has no output \"" + key + "\"", all);
    }
    if (d.dataType != DataType.DT_FLOAT) {
      throw contractError("output \"" + key + "\" is " + d.dataType + ", expected DT_FLOAT", all);
    }
    return d.name;
  }

  private void checkSequence(Signature s, String key, Signature.TensorDescription d, Map<String, Signature> all) {
    boolean shapeOk = d.shape.isUnknown()
        || (d.shape.numDimensions() == 3 && (d.shape.size(2) == 1 || d.shape.size(2) < 0));
    if (d.dataType != DataType.DT_FLOAT || !shapeOk) {
      throw contractError("input \"" + key + "\" of \"" + s.key() + "\" is " + d.dataType + " " + d.shape
          + ", expected DT_FLOAT [-1, -1, 1] (code points)", all);
    }
  }

  private ModelException contractError(String what, Map<String, Signature> all) {
    var found = new ArrayList<String>();
    all.forEach((k, s) -> found.add(k + "(" + String.join(", ", s.inputNames()) + ") -> "
        + String.join(", ", s.outputNames())));
    return new ModelException("the SavedModel at " + dir + " does not match the scoring contract: " + what
        + ". Expected serving_default(left, right) -> distance [and embed(text) -> embedding]; found: "
        + (found.isEmpty() ? "no signatures" : String.join("; ", found)));
  }

  private static Map<String, Object> readMetadata(Path dir) {
    Path file = dir.resolve(ModelNames.METADATA_FILE);
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      Object parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (parsed instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return m;
      }
      throw new ModelException(file + ": expected a JSON object");
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The embedding size, from the metadata when present. */
  public Optional<Integer> units() {
    Object u = metadata.get("units");
    return u instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
  }
}
