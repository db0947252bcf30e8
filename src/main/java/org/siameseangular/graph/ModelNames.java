package org.siameseangular.graph;

/**
 * The names that other programs see in an exported model: signature keys, their input and output
 * keys, and the variable names of the checkpoint. They are API: Python, Keras and the Java loader
 * use them.
 */
public final class ModelNames {
  /** The SavedModel tag of every export. */
  public static final String TAG = "serve";

  /** Signature {@code left, right -> distance}. */
  public static final String DISTANCE_SIGNATURE = "serving_default";

  /** Signature {@code text -> embedding}. */
  public static final String EMBED_SIGNATURE = "embed";

  /** The method name of both signatures, as TensorFlow Serving and Keras exports use it. */
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";

  public static final String LEFT = "left";
  public static final String RIGHT = "right";
  public static final String DISTANCE = "distance";
  public static final String TEXT = "text";
  public static final String EMBEDDING = "embedding";

  /**
   * Variable names (checkpoint keys); the Keras LSTM's own weight names under a {@code lstm/}
   * scope. The kernel is {@code [width, 4u]}: 1 row for the scalar encoding, the embedding
   * dimension for the hashed one.
   */
  public static final String KERNEL = "lstm/kernel";

  public static final String RECURRENT_KERNEL = "lstm/recurrent_kernel";
  public static final String BIAS = "lstm/bias";

  /**
   * The hashed encoding's table {@code [sum of moduli, dimension]}: the weight {@code embeddings}
   * of a Keras {@code Embedding} layer named {@code code_point_embedding}.
   */
  public static final String EMBEDDINGS = "code_point_embedding/embeddings";

  /** The metadata file written beside {@code saved_model.pb}. */
  public static final String METADATA_FILE = "siamese-angular.json";

  private ModelNames() {}
}
