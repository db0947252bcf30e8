package org.siameseangular.model;

import org.siameseangular.data.PublicApi;
import org.siameseangular.graph.SessionConfig;

/**
 * How {@link SimilarityModel#load(java.nio.file.Path, LoadOptions)} sets up a model: its TensorFlow
 * session's thread counts, and which tensors of the SavedModel's {@code serving_default} signature
 * it uses.
 *
 * <p>Threads (ConfigProto's {@code intra_op_parallelism_threads} and {@code
 * inter_op_parallelism_threads}): TensorFlow sizes its intra-op pool once per process, from the
 * first session it creates (tensorflow/core/common_runtime/local_device.cc, the global
 * EigenThreadPoolInfo), so {@code intraOpThreads} takes effect only for the first model or trainer
 * of a JVM. {@link #CALLER_THREAD} as {@code interOpThreads} is per session: every op of a call
 * runs in the calling thread, so {@code n} threads scoring at once use {@code n} cores, never more.
 *
 * <p>Signature names, for a model whose names differ from this project's ({@code left, right ->
 * distance}): a null name means "find it": the inputs named {@code left} and {@code right}, and the
 * output named {@code distance} or else the signature's only output (Keras 3 {@code model.export}
 * names it {@code output_0}).
 *
 * <pre>{@code
 * var options = LoadOptions.DEFAULT.withInputs("query", "candidate").withOutput("score");
 * try (var model = SimilarityModel.load(dir, options)) { ... }
 * }</pre>
 *
 * @param intraOpThreads threads one op may use, at least 1
 * @param interOpThreads ops that may run at once, at least 1, or {@link #CALLER_THREAD}
 * @param leftInput the signature input that takes the left strings, or null for {@code left}
 * @param rightInput the signature input that takes the right strings, or null for {@code right}
 * @param output the signature output with one distance per pair ({@code [B, 1]} or {@code [B]}), or
 *     null for {@code distance} or the only output
 */
@PublicApi
public record LoadOptions(
    int intraOpThreads, int interOpThreads, String leftInput, String rightInput, String output) {
  /** As {@code interOpThreads}: run each call's ops in the calling thread. */
  public static final int CALLER_THREAD = -1;

  /**
   * What {@link SimilarityModel#load(java.nio.file.Path)} uses: {@link SessionConfig#DEFAULT},
   * every name found automatically.
   */
  public static final LoadOptions DEFAULT =
      new LoadOptions(
          SessionConfig.DEFAULT_INTRA_OP_THREADS, SessionConfig.DEFAULT_INTER_OP_THREADS);

  /** Checks the thread counts; refuses blank names (a null name is found automatically). */
  public LoadOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, found " + intraOpThreads);
    }
    if (interOpThreads < 1 && interOpThreads != CALLER_THREAD) {
      throw new IllegalArgumentException(
          "interOpThreads must be at least 1 or CALLER_THREAD (-1), found " + interOpThreads);
    }
    for (String name : new String[] {leftInput, rightInput, output}) {
      if (name != null && name.isBlank()) {
        throw new IllegalArgumentException("a signature input or output name must not be blank");
      }
    }
  }

  /** These thread counts, every signature name found automatically. */
  public LoadOptions(int intraOpThreads, int interOpThreads) {
    this(intraOpThreads, interOpThreads, null, null, null);
  }

  /**
   * One call's ops in its own thread, each op on up to {@code threadsPerCall} threads: for hosts
   * that run as many scoring threads as they have cores (a Spark executor runs one task per {@code
   * spark.task.cpus} cores).
   */
  public static LoadOptions callerThread(int threadsPerCall) {
    return new LoadOptions(threadsPerCall, CALLER_THREAD);
  }

  /** A copy naming the two inputs (null: find it). */
  public LoadOptions withInputs(String left, String right) {
    return new LoadOptions(intraOpThreads, interOpThreads, left, right, output);
  }

  /** A copy naming the output (null: find it). */
  public LoadOptions withOutput(String name) {
    return new LoadOptions(intraOpThreads, interOpThreads, leftInput, rightInput, name);
  }
}
