package org.siameseangular.graph;

import org.tensorflow.proto.ConfigProto;

/** The settings of every {@code Session} the project opens: training, scoring, export. */
public final class SessionConfig {
  /** {@link #DEFAULT}'s threads per op. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  /** {@link #DEFAULT}'s ops at once. */
  public static final int DEFAULT_INTER_OP_THREADS = 2;

  /**
   * Scoring and export: one thread per op, two ops at once (the two sides of a pair run side by
   * side). For this small model on 2 cores it scored batches of 1,024 pairs 1.2 to 1.6x faster than
   * TensorFlow's defaults (0/0, 1/1 and 2/1 were tried; BENCHMARKS.md). Training uses {@link
   * #TRAINING}.
   */
  public static final ConfigProto DEFAULT = of(DEFAULT_INTRA_OP_THREADS, DEFAULT_INTER_OP_THREADS);

  /**
   * Training sessions: every op in the thread that calls {@code Session.run}, one thread per op.
   * With the windows graph (many small ops per step) this trained faster than {@link #DEFAULT}
   * (benchmark DevTools bench --part train, folded LSTM(24): 992-1,040 against 598-661 pairs/s at
   * batch 1, 21,500 against 17,000 at batch 256; two threads per op: 311-358 and 10,000-10,500),
   * and it is deterministic: with two ops at once its steps varied from run to run on a loaded
   * machine (InterruptResumeTest, a resumed run against an uninterrupted one, bit for bit), which
   * no variable read explained.
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
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .build();
  }
}
