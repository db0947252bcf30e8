package org.siameseangular.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.siameseangular.match.AngularDistance;
import org.siameseangular.model.LoadOptions;
import org.siameseangular.model.SimilarityModel;

/**
 * The models of this JVM (a Spark executor, or the driver in local mode): each loaded once, lazily,
 * on first use by any task, and then shared by all tasks ({@link SimilarityModel} is thread-safe).
 * Never serialised: closures carry the model's path string, and the model is looked up here.
 *
 * <p>TensorFlow's threads follow Spark's: each op uses up to {@code spark.task.cpus} threads, and
 * each call runs in the task's own thread ({@link LoadOptions#callerThread}), so an executor with
 * {@code c} cores runs {@code c / spark.task.cpus} tasks on about {@code c} threads, not {@code c}
 * tasks each starting TensorFlow's default one-thread-per-core pools.
 *
 * <p>Models stay loaded for the life of the JVM, as an executor's broadcast variables do; {@link
 * #closeAll} frees them in a long-lived driver.
 */
final class ExecutorModels {
  private static final Map<Path, SimilarityModel> MODELS = new HashMap<>();
  private static final AtomicLong LOADS = new AtomicLong();
  private static final AtomicLong EMBEDDED_TEXTS = new AtomicLong();
  private static final AtomicLong EMBED_CALLS = new AtomicLong();

  private ExecutorModels() {}

  /** The model {@code modelPath} names ({@link ModelLocation}), loaded on first use. */
  static SimilarityModel get(String modelPath) {
    Path dir = ModelLocation.resolve(modelPath).toAbsolutePath().normalize();
    synchronized (MODELS) {
      SimilarityModel model = MODELS.get(dir);
      if (model == null) {
        NativeLibraryLock.load();
        model = SimilarityModel.load(dir, LoadOptions.callerThread(taskCpus()));
        MODELS.put(dir, model);
        LOADS.incrementAndGet();
      }
      return model;
    }
  }

  /** The head (clip epsilon) of the model {@code modelPath} names. */
  static AngularDistance head(String modelPath) {
    return AngularDistance.of(get(modelPath));
  }

  /**
   * {@code model.embed(texts)}, counted: the texts and calls this JVM sent to a model (the tests
   * check that a table's distinct strings are embedded once; a job reports them).
   */
  static float[][] embed(SimilarityModel model, List<String> texts) {
    float[][] out = model.embed(texts);
    EMBEDDED_TEXTS.addAndGet(texts.size());
    EMBED_CALLS.incrementAndGet();
    return out;
  }

  /** Texts this JVM has embedded so far. */
  static long embeddedTexts() {
    return EMBEDDED_TEXTS.get();
  }

  /** {@link #embed} calls so far. */
  static long embedCalls() {
    return EMBED_CALLS.get();
  }

  /** Models loaded so far (a model is loaded once per JVM). */
  static long loads() {
    return LOADS.get();
  }

  /** Closes and forgets every model of this JVM. */
  static void closeAll() {
    synchronized (MODELS) {
      MODELS.values().forEach(SimilarityModel::close);
      MODELS.clear();
    }
  }

  /**
   * {@code spark.task.cpus}: of the running task, or from the configuration outside a task (the
   * driver), 1 outside Spark.
   */
  static int taskCpus() {
    TaskContext task = TaskContext.get();
    if (task != null) {
      return Math.max(1, task.cpus());
    }
    SparkEnv env = SparkEnv.get();
    return env == null ? 1 : Math.max(1, env.conf().getInt("spark.task.cpus", 1));
  }
}
