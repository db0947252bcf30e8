package org.siameseangular.graph;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.ThreadPoolOptionProto;

/** The settings of every {@code Session} the project opens: training, scoring, export. */
public final class SessionConfig {
  /** {@link #DEFAULT}'s threads per op. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  /** {@link #DEFAULT}'s ops at once. */
  public static final int DEFAULT_INTER_OP_THREADS = 2;

  /**
   * Scoring, export, and training steps of more than 64 pairs (two encoder calls): one thread per
   * op, two ops at once (the two sides of a pair run side by side). For this small model on 2 cores
   * it scored batches of 1,024 pairs 1.2 to 1.6x faster than TensorFlow's defaults (0/0, 1/1 and
   * 2/1 were tried; BENCHMARKS.md), and trained batches of 256 faster than one op at a time (the
   * Keras original's LSTM(32): 52,000-60,000 against 28,000-37,000 pairs/s; the default model:
   * 33,000-42,500 against 28,000-31,000). Bit-identical from run to run under load (fresh JVMs,
   * batch 128, both models).
   */
  public static final ConfigProto DEFAULT = of(DEFAULT_INTRA_OP_THREADS, DEFAULT_INTER_OP_THREADS);

  /**
   * Training steps of up to 64 pairs, whose graph encodes both sides in one call: every op in the
   * thread that calls {@code Session.run}, one thread per op. Many small ops per step: with the
   * windows graph this trained faster than {@link #DEFAULT} (992-1,040 against 598-661 pairs/s at
   * batch 1), and it is deterministic: with two ops at once, the steps of batches of 8 (then
   * encoded in two calls) varied from run to run on a loaded machine (InterruptResumeTest, a
   * resumed run against an uninterrupted one, bit for bit), which no variable read explained.
   */
  public static final ConfigProto TRAINING = of(1, -1);

  private SessionConfig() {}

  /**
   * A session with these thread counts. A negative {@code interOpThreads} runs every op in the
   * thread that calls {@code Session.run} (tensorflow/core/protobuf/config.proto,
   * inter_op_parallelism_threads; tensorflow/core/common_runtime/direct_session.cc sets
   * run_in_caller_thread_ for it).
   */
  public static ConfigProto of(int intraOpThreads, int interOpThreads) {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads);
    if (interOpThreads > 0) {
      // A pool of its own, shared by the sessions that ask for this many threads. Without it every
      // session runs on the process's one global pool, which the process's first session sizes: a
      // session of TRAINING first (no pool: -1) left later two-op sessions one thread, and batches
      // of 256 trained at the speed of one op at a time (tensorflow/core/common_runtime/
      // direct_session.cc, GlobalThreadPool; config.proto, session_inter_op_thread_pool).
      config.addSessionInterOpThreadPool(
          ThreadPoolOptionProto.newBuilder()
              .setNumThreads(interOpThreads)
              .setGlobalName("siamese-angular-inter-op-" + interOpThreads));
    }
    return config.build();
  }
}
