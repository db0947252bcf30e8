package org.siameseangular.graph;

import org.tensorflow.proto.ConfigProto;

/** The settings of every {@code Session} the project opens: training, scoring, export. */
public final class SessionConfig {
  /**
   * One thread per op, two ops at once (the two LSTM calls of a pair run side by side). For this
   * small model on 2 cores it trained about 30 % faster, and scored batches of 1,024 pairs 1.2 to
   * 1.6x faster, than TensorFlow's defaults (0/0, 1/1 and 2/1 were tried; BENCHMARKS.md).
   */
  public static final ConfigProto DEFAULT =
      ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(1)
          .setInterOpParallelismThreads(2)
          .build();

  private SessionConfig() {}
}
