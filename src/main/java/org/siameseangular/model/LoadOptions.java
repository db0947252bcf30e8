package org.siameseangular.model;

import org.siameseangular.graph.SessionConfig;

/**
 * How {@link SimilarityModel#load(java.nio.file.Path, LoadOptions)} sets up the model's TensorFlow
 * session: its thread counts (ConfigProto's {@code intra_op_parallelism_threads} and {@code
 * inter_op_parallelism_threads}).
 *
 * <p>TensorFlow sizes its intra-op pool once per process, from the first session it creates
 * (tensorflow/core/common_runtime/local_device.cc, the global EigenThreadPoolInfo), so {@code
 * intraOpThreads} takes effect only for the first model or trainer of a JVM. {@link #CALLER_THREAD}
 * as {@code interOpThreads} is per session: every op of a call runs in the calling thread, so
 * {@code n} threads scoring at once use {@code n} cores, never more.
 *
 * @param intraOpThreads threads one op may use, at least 1
 * @param interOpThreads ops that may run at once, at least 1, or {@link #CALLER_THREAD}
 */
public record LoadOptions(int intraOpThreads, int interOpThreads) {
  /** As {@code interOpThreads}: run each call's ops in the calling thread. */
  public static final int CALLER_THREAD = -1;

  /** What {@link SimilarityModel#load(java.nio.file.Path)} uses: {@link SessionConfig#DEFAULT}. */
  public static final LoadOptions DEFAULT =
      new LoadOptions(
          SessionConfig.DEFAULT_INTRA_OP_THREADS, SessionConfig.DEFAULT_INTER_OP_THREADS);

  public LoadOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, found " + intraOpThreads);
    }
    if (interOpThreads < 1 && interOpThreads != CALLER_THREAD) {
      throw new IllegalArgumentException(
          "interOpThreads must be at least 1 or CALLER_THREAD (-1), found " + interOpThreads);
    }
  }

  /**
   * One call's ops in its own thread, each op on up to {@code threadsPerCall} threads: for hosts
   * that run as many scoring threads as they have cores (a Spark executor runs one task per {@code
   * spark.task.cpus} cores).
   */
  public static LoadOptions callerThread(int threadsPerCall) {
    return new LoadOptions(threadsPerCall, CALLER_THREAD);
  }
}
