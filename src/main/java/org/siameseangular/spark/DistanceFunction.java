package org.siameseangular.spark;

import org.apache.spark.sql.api.java.UDF2;
import org.siameseangular.match.AngularDistance;

/**
 * The distance of two normalised embeddings ({@link Vectors}), null if either is null: plain JVM
 * arithmetic, no model call. The model's head (its clip) is looked up once per task.
 */
final class DistanceFunction implements UDF2<byte[], byte[], Float> {
  private static final long serialVersionUID = 1L;

  private final String modelPath;
  private transient AngularDistance head;

  DistanceFunction(String modelPath) {
    this.modelPath = modelPath;
  }

  @Override
  public Float call(byte[] left, byte[] right) {
    if (left == null || right == null) {
      return null;
    }
    if (head == null) {
      head = ExecutorModels.head(modelPath);
    }
    return Vectors.distance(head, left, right);
  }
}
