package org.siameseangular.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.siameseangular.data.PublicApi;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.PairBatch;
import org.siameseangular.graph.SessionConfig;
import org.siameseangular.graph.Tensors;
import org.siameseangular.graph.TextBatch;
import org.siameseangular.io.AtomicDirectory;
import org.siameseangular.io.JsonCodec;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.RunOptions;

/**
 * A loaded model that scores string pairs. Safe to use from many threads at once; {@link #close()}
 * waits for calls in flight, and calls after it fail with {@link IllegalStateException}.
 *
 * <p>Inputs and outputs are found through the SavedModel's signatures ({@code serving_default}:
 * {@code left, right -> distance}; optionally {@code embed}: {@code text -> embedding}), never
 * through raw op names. An ordinary Keras 3 {@code model.export} of a siamese model loads too: its
 * only output (named {@code output_0}) of shape {@code [B, 1]} or {@code [B]} is taken as the
 * distance, its inputs may take code points as float32 {@code [B, T, 1]} or int32/int64 {@code [B,
 * T]} (for an {@code Embedding}), and {@link LoadOptions} names inputs and output that are not
 * called {@code left}, {@code right}, {@code distance}. Such a model has no {@code embed} ({@link
 * #canEmbed()}). Loading runs the model's graph: load only models you trust.
 *
 * <p>Small batches (32 pairs or fewer) of a model that has {@code embed} and states its head in its
 * metadata (this project's exports) are scored from one {@code embed} run of both sides stacked,
 * with the angular distance taken in Java ({@link AngularHead}): half the ops of {@code
 * serving_default}, the same number up to float32 rounding of the head.
 *
 * <pre>{@code
 * try (var model = SimilarityModel.load(Path.of("models/siamese-lstm"))) {
 *   float d = model.distance("colour", "color");   // 0 = same direction, 1 = opposite
 * }
 * }</pre>
 */
@PublicApi
public final class SimilarityModel implements AutoCloseable {
  /**
   * Pairs per session run in {@link #distances}. Pairs are sorted by length and cut into runs of at
   * most this many, so that each run pads to a length close to its own strings' (the LSTM runs
   * every row to the longest). On 2 cores, 256 and 512 scored 1,024 pairs 1.2 to 1.3x faster than
   * one run of 1,024 (BENCHMARKS.md).
   */
  public static final int MAX_BATCH = 256;

  /**
   * Texts per session run in {@link #embed(List)}, length-sorted as in {@link #distances}.
   * Embedding 200,000 generated names on 2 shared cores cost 2.2 to 2.9 s of CPU at every size
   * tried (128, 256, 512, 1,024, 2,048): within noise, so the middle one.
   */
  public static final int EMBED_BATCH = 512;

  /**
   * Pairs per run up to which {@link #distances} embeds both sides as one stacked batch ({@code
   * embed} on {@code [2B, T, 1]}: one LSTM call instead of serving_default's two, and about half
   * the ops) and takes the angular distance in Java ({@link AngularHead}), when the model has an
   * {@code embed} signature and states its head ({@code clipEpsilon} in its metadata). A small run
   * is mostly per-op overhead; a large one is mostly the LSTM, where serving_default's two LSTM
   * calls side by side on two cores win. Measured on 2 shared cores, in microseconds per pair
   * (medians; the default model): 1 pair 117 stacked against 254 through serving_default, 16 pairs
   * 14 against 23, 32 pairs 11 against 11-15, 64 pairs 9.4 against 6.9-11 (BENCHMARKS.md).
   */
  static final int STACKED_PAIRS = 32;

  /**
   * Rows per run up to which a run executes all its ops in the calling thread ({@link
   * #IN_CALLER_THREAD}) rather than on the session's inter-op pool: a small run's ops take a few
   * microseconds each, and handing each to a pool thread and back costs about as much again
   * (serving_default, 1 pair: 183 us in the caller, 254 us on the pool; 16 pairs: 18 and 23 us per
   * pair; from 32 pairs on, the pool's two LSTM calls side by side catch up).
   */
  static final int CALLER_THREAD_ROWS = 64;

  /**
   * Runs a call's ops in the calling thread (tensorflow/core/protobuf/config.proto, RunOptions
   * inter_op_thread_pool = -1; tensorflow/core/common_runtime/direct_session.cc runs the executor
   * without a pool for it).
   */
  private static final RunOptions IN_CALLER_THREAD =
      RunOptions.newBuilder().setInterOpThreadPool(-1).build();

  private final Path dir;
  private final SavedModelBundle bundle;
  private final Session session;
  private final SignatureContract contract;
  private final ModelMetadata metadata;
  private final String fingerprint;

  /** Whether batches of an odd size get an extra row (see {@link #evenRows}). */
  private final boolean padOddBatches;

  /**
   * The head that scores small batches from stacked embeddings ({@link #STACKED_PAIRS}), or null
   * for a model without an {@code embed} signature or whose metadata does not state its head (a
   * Keras export): such a model always runs serving_default.
   */
  private final AngularHead head;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private SimilarityModel(
      Path dir,
      SavedModelBundle bundle,
      ModelMetadata metadata,
      String fingerprint,
      LoadOptions options) {
    this.dir = dir;
    this.fingerprint = fingerprint;
    this.bundle = bundle;
    this.session = bundle.session();
    this.metadata = metadata;
    this.contract = SignatureContract.of(dir, bundle.signatures(), options);
    // Only an odd input width or unit count makes an odd batch odd for the kernel; a model without
    // a spec (another tool's export) is padded, to be safe.
    this.padOddBatches =
        metadata
            .spec()
            .map(spec -> spec.encoding().width() % 2 != 0 || spec.units() % 2 != 0)
            .orElse(true);
    // A clip outside ModelSpec's range is not this project's head: leave it to the graph.
    Float clip = metadata.clipEpsilon();
    this.head =
        contract.canEmbed() && clip != null && AngularHead.accepts(clip)
            ? new AngularHead(clip)
            : null;
  }

  /** Loads the SavedModel in {@code dir}. Throws {@link ModelException} with what was wrong. */
  public static SimilarityModel load(Path dir) {
    return load(dir, LoadOptions.DEFAULT);
  }

  /**
   * Loads the SavedModel in {@code dir} as {@code options} says: the session's threads, and the
   * signature inputs and output to use (for a Keras export whose names differ from {@code left,
   * right -> distance}). Throws {@link ModelException} with what was wrong.
   */
  public static SimilarityModel load(Path dir, LoadOptions options) {
    Objects.requireNonNull(options, "options");
    try {
      AtomicDirectory.recover(dir);
    } catch (IOException e) {
      throw new ModelException("cannot recover the model at " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.exists(dir)) {
      throw new ModelException("no model at " + dir + ": the directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new ModelException(
          "no model at " + dir + ": it is a file, expected a SavedModel directory");
    }
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ModelException(
          dir
              + " is not a SavedModel: saved_model.pb is missing (expected a SavedModel directory"
              + " as this project's export or Keras `model.export` writes it)");
    }
    ModelMetadata metadata = readMetadata(dir);
    String fingerprint = fingerprint(dir);
    SavedModelBundle bundle;
    try {
      bundle =
          SavedModelBundle.loader(dir.toString())
              .withTags(ModelNames.TAG)
              .withConfigProto(SessionConfig.of(options.intraOpThreads(), options.interOpThreads()))
              .load();
    } catch (TensorFlowException | IllegalArgumentException e) {
      throw new ModelException(
          "cannot load the SavedModel at "
              + dir
              + " (is it complete, and written by"
              + " TensorFlow 2.18 or older?): "
              + firstLine(e.getMessage()),
          e);
    }
    SimilarityModel model;
    try {
      // A model replaced (atomically) while it loaded would carry the other version's fingerprint.
      if (!fingerprint.equals(fingerprint(dir))) {
        throw new ModelException(
            "the model at " + dir + " changed while it was being loaded; load it again");
      }
      model = new SimilarityModel(dir, bundle, metadata, fingerprint, options);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
    // A SavedModel whose variables could not be restored loads, then fails on first use: try it
    // now.
    try {
      model.trial();
    } catch (RuntimeException e) {
      model.close();
      if (!(e instanceof TensorFlowException || e instanceof ModelException)) {
        throw e;
      }
      throw new ModelException(
          "the SavedModel at "
              + dir
              + " loads but cannot score (are its variables"
              + " files complete?): "
              + firstLine(e.getMessage()),
          e);
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
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = CodePoints.of(lefts.get(i));
      r[i] = CodePoints.of(rights.get(i));
      lengths[i] = Math.max(l[i].length, r[i].length);
    }
    int[] order = byLength(lengths);
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
      float[] d =
          head != null && size <= STACKED_PAIRS
              ? stackedDistances(bl, br, time)
              : servingDistances(bl, br, time);
      for (int k = 0; k < size; k++) {
        out[order[start + k]] = d[k];
      }
    }
    return out;
  }

  /**
   * The indexes {@code 0..n-1} ordered by {@code lengths[i]}, equal lengths in index order: the
   * order of a stable sort by length, on which the runs of a call, and so the last bits of its
   * results, depend. Sorted as primitive keys (length in the high half of a long, index in the low
   * half) rather than as boxed indexes with a comparator: the same order, cheaper.
   */
  static int[] byLength(int[] lengths) {
    long[] keys = new long[lengths.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) lengths[i] << 32 | i;
    }
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /**
   * Scores a pair through each path a call can take, so that a model that loads but cannot score
   * (variables missing, say) fails at load, not at its first call.
   */
  private void trial() {
    int[][] l = {CodePoints.of("a")};
    int[][] r = {CodePoints.of("b")};
    servingDistances(l, r, 1);
    if (head != null) {
      stackedDistances(l, r, 1);
    }
  }

  /**
   * The distances of one run of pairs (left, right) through serving_default, both sides padded to
   * {@code time}: the graph's own head; two LSTM calls, side by side when the session has two
   * inter-op threads.
   */
  private float[] servingDistances(int[][] lefts, int[][] rights, int time) {
    var left = contract.left();
    var right = contract.right();
    int[][] el = padOddBatches ? evenRows(lefts) : lefts;
    int[][] er = padOddBatches ? evenRows(rights) : rights;
    float[] d;
    try (PairBatch batch =
        PairBatch.unlabelled(
            el,
            er,
            Math.max(left.format().time(time), right.format().time(time)),
            left.format(),
            right.format())) {
      d =
          run(
              contract.distance(),
              el.length + er.length,
              runner -> batch.feed(runner, left.tensor(), right.tensor()));
    }
    if (d.length != el.length) {
      throw new ModelException(
          "the model's "
              + contract.distance()
              + " returned "
              + d.length
              + " values for "
              + el.length
              + " pairs; expected shape [batch, 1] or [batch]");
    }
    return d;
  }

  /**
   * The distances of one run of pairs from a single {@code embed} run of {@code [lefts; rights]}
   * (2B rows, always even, so never padded for the LSTM kernel's warning), with {@link #head}
   * applied in Java. A row's embedding does not depend on the other rows of its batch nor on later
   * padding (graph/BatchInvarianceTest), so this scores what serving_default scores, up to float32
   * rounding of the head (bounded in match/AngularDistanceTest).
   */
  private float[] stackedDistances(int[][] lefts, int[][] rights, int time) {
    int n = lefts.length;
    int[][] rows = new int[2 * n][];
    System.arraycopy(lefts, 0, rows, 0, n);
    System.arraycopy(rights, 0, rows, n, n);
    float[] flat = embedRows(rows, time);
    return head.stackedDistances(flat, n, flat.length / rows.length);
  }

  /**
   * The embedding of {@code text} (length {@link #embeddingSize()}); needs the {@code embed}
   * signature.
   */
  public float[] embed(String text) {
    return embed(List.of(text))[0];
  }

  /**
   * The embeddings of {@code texts}, in order: one row per text. Texts are sorted by length and
   * embedded in runs of at most {@link #EMBED_BATCH}, so that each run pads to a length close to
   * its own strings'; a text's embedding does not depend on the rest of its batch.
   */
  public float[][] embed(List<String> texts) {
    requireEmbedSignature();
    int n = texts.size();
    int[][] points = new int[n][];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = CodePoints.of(texts.get(i));
      lengths[i] = points[i].length;
    }
    int[] order = byLength(lengths);
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += EMBED_BATCH) {
      int size = Math.min(EMBED_BATCH, n - start);
      int[][] batch = new int[size][];
      int time = 1;
      for (int k = 0; k < size; k++) {
        batch[k] = points[order[start + k]];
        time = Math.max(time, batch[k].length);
      }
      float[] flat = embedRows(batch, time);
      int width = flat.length / size;
      for (int k = 0; k < size; k++) {
        out[order[start + k]] = Arrays.copyOfRange(flat, k * width, (k + 1) * width);
      }
    }
    return out;
  }

  /**
   * One {@code embed} run of {@code rows} padded to {@code time}: {@code rows.length} embeddings,
   * row-major.
   */
  private float[] embedRows(int[][] rows, int time) {
    var input = contract.text();
    int[][] even = padOddBatches ? evenRows(rows) : rows;
    float[] flat;
    try (TextBatch tensors = TextBatch.of(even, input.format().time(time), input.format())) {
      flat = run(contract.embedding(), even.length, runner -> tensors.feed(runner, input.tensor()));
    }
    if (flat.length == 0 || flat.length % even.length != 0) {
      throw new ModelException(
          "the model's "
              + contract.embedding()
              + " returned "
              + flat.length
              + " values for "
              + even.length
              + " texts; expected shape [batch, embedding size]");
    }
    return even.length == rows.length
        ? flat
        : Arrays.copyOf(flat, flat.length / even.length * rows.length);
  }

  /**
   * Whether the model has an {@code embed} signature ({@link #embed(List)}); this project's exports
   * have one, a Keras export of a whole siamese model has none.
   */
  public boolean canEmbed() {
    return contract.canEmbed();
  }

  private void requireEmbedSignature() {
    if (!contract.canEmbed()) {
      throw new UnsupportedOperationException(
          "the model at "
              + dir
              + " has no \""
              + ModelNames.EMBED_SIGNATURE
              + "\" signature (text -> embedding), which embedding, indexes and matching need;"
              + " it can only score pairs (its serving_default signature). This project's"
              + " exports have both");
    }
  }

  /**
   * {@code rows}, plus a copy of its first row when their number is odd. The fused LSTM kernel
   * (tensorflow/core/kernels/rnn/lstm_ops.cc, BlockLSTMOp::Compute) logs a warning on every call
   * whose batch size times input size, or times cell size, is odd: an even batch never triggers it,
   * and a row's result does not depend on the others. The extra result is dropped. Used only for
   * models whose input width or units are odd (the scalar encoding: width 1); the default hashed
   * model (width 8, 24 units) never needs it, so a single pair costs one row, not two.
   */
  private static int[][] evenRows(int[][] rows) {
    if (rows.length % 2 == 0) {
      return rows;
    }
    int[][] even = Arrays.copyOf(rows, rows.length + 1);
    even[rows.length] = rows[0];
    return even;
  }

  /** The directory the model was loaded from. */
  public Path directory() {
    return dir;
  }

  /**
   * The {@link ModelFingerprint} of the files this model was loaded from, read when it loaded: an
   * index of embeddings records it, and refuses a model with another one.
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

  /**
   * The metadata written with the model; {@link ModelMetadata#NONE} for a model without {@code
   * siamese-angular.json}.
   */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The decision threshold stored with the model, if any. */
  public OptionalDouble threshold() {
    return metadata.decisionThreshold();
  }

  /**
   * Runs {@code output} with the inputs {@code feed} adds, under the read lock, as floats; a run of
   * at most {@link #CALLER_THREAD_ROWS} rows (all inputs together) runs in the calling thread.
   */
  private float[] run(String output, int rows, UnaryOperator<Session.Runner> feed) {
    var read = lock.readLock();
    read.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the model at " + dir + " is closed");
      }
      Session.Runner runner = feed.apply(session.runner()).fetch(output);
      if (rows <= CALLER_THREAD_ROWS) {
        runner.setOptions(IN_CALLER_THREAD);
      }
      try (Result result = runner.run()) {
        return Tensors.floats(result.get(0));
      }
    } finally {
      read.unlock();
    }
  }

  /**
   * Frees the model. Idempotent; waits for calls in flight; later calls throw
   * IllegalStateException.
   */
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

  static ModelMetadata readMetadata(Path dir) {
    Path file = dir.resolve(ModelNames.METADATA_FILE);
    if (!Files.exists(file)) {
      return ModelMetadata.NONE;
    }
    try {
      return JsonCodec.read(file, ModelMetadata.class);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelException("cannot read " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * The LSTM units, from the metadata when present: the embedding's length with pooling last (see
   * {@link #embeddingSize()}).
   */
  public Optional<Integer> units() {
    return Optional.ofNullable(metadata.units());
  }

  /**
   * The length of an embedding, when the metadata describes the model: units with pooling last,
   * units + the encoding's features per code point with the others.
   */
  public Optional<Integer> embeddingSize() {
    return metadata.spec().map(ModelSpec::embeddingSize);
  }
}
