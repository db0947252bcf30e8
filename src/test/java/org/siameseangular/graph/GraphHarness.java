package org.siameseangular.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A {@link SiameseGraph} with its loss, the loss gradients of the three variables and assign ops,
 * in a graph and session this harness owns. For tests only: every call feeds fresh tensors and
 * closes them and its Result.
 */
final class GraphHarness implements AutoCloseable {
  final Graph graph;
  final Session session;
  final SiameseGraph model;
  final AngularLoss loss;
  private final Gradients gradients;
  private final List<Placeholder<TFloat32>> newValues = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();

  GraphHarness(ModelSpec spec, LstmWeights weights, boolean clipped) {
    this(
        tf ->
            clipped
                ? SiameseGraph.build(tf, spec, weights)
                : SiameseGraph.buildUnclipped(tf, spec, weights));
  }

  private GraphHarness(Function<Ops, SiameseGraph> build) {
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      model = build.apply(tf);
      loss = new AngularLoss(tf, model.distance);
      gradients = tf.gradients(loss.loss, model.variables());
      for (Variable<TFloat32> v : model.variables()) {
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
        newValues.add(p);
        assigns.add(tf.assign(v, p));
      }
      created = new Session(graph);
      created.initialize();
    } catch (RuntimeException e) {
      if (created != null) {
        created.close();
      }
      graph.close();
      throw e;
    }
    session = created;
  }

  static GraphHarness clipped(ModelSpec spec, LstmWeights weights) {
    return new GraphHarness(spec, weights, true);
  }

  /** The sides stacked into one encoder call: {@link SiameseGraph#buildStacked}. */
  static GraphHarness stacked(ModelSpec spec, LstmWeights weights) {
    return new GraphHarness(tf -> SiameseGraph.buildStacked(tf, spec, ModelWeights.of(weights)));
  }

  /**
   * Embeddings {@code [B][units]} of the strings fed together as one batch through {@code text}.
   */
  float[][] embeddings(List<String> texts) {
    try (TFloat32 t = CodePoints.tensor(texts)) {
      return embeddings(t);
    }
  }

  /** Embeddings of an already built {@code [B, T, 1]} tensor (not closed here). */
  float[][] embeddings(TFloat32 codePoints) {
    try (Result r =
        session.runner().feed(model.text, codePoints).fetch(model.textEmbedding).run()) {
      return rows((TFloat32) r.get(0));
    }
  }

  float[] cosines(List<String> lefts, List<String> rights) {
    return fetchPairs(model.cosine, lefts, rights);
  }

  float[] distances(List<String> lefts, List<String> rights) {
    return fetchPairs(model.distance, lefts, rights);
  }

  /** The mean loss. */
  float loss(List<String> lefts, List<String> rights, float[] labels) {
    return lossAndGradients(lefts, rights, labels, false).loss;
  }

  /**
   * The mean loss and its gradients for kernel, recurrent_kernel and bias (flattened, row-major).
   */
  LossAndGradients lossAndGradients(List<String> lefts, List<String> rights, float[] labels) {
    return lossAndGradients(lefts, rights, labels, true);
  }

  /** As above with the left side given as a tensor (not closed here). */
  LossAndGradients lossAndGradients(TFloat32 left, List<String> rights, float[] labels) {
    try (TFloat32 r = CodePoints.tensor(rights)) {
      return run(left, r, labels, true);
    }
  }

  record LossAndGradients(float loss, float[][] gradients) {
    boolean allFinite() {
      if (!Float.isFinite(loss)) {
        return false;
      }
      for (float[] g : gradients) {
        for (float v : g) {
          if (!Float.isFinite(v)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /** Sets the three variables to {@code w}. */
  void assign(LstmWeights w) {
    float[][] values = {w.kernel(), w.recurrentKernel(), w.bias()};
    List<TFloat32> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < 3; i++) {
        Shape shape = model.variables().get(i).shape();
        TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(values[i], true, false));
        tensors.add(t);
        runner.feed(newValues.get(i), t);
        runner.addTarget(assigns.get(i));
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  private LossAndGradients lossAndGradients(
      List<String> lefts, List<String> rights, float[] labels, boolean withGradients) {
    try (TFloat32 l = CodePoints.tensor(lefts);
        TFloat32 r = CodePoints.tensor(rights)) {
      return run(l, r, labels, withGradients);
    }
  }

  private LossAndGradients run(TFloat32 l, TFloat32 r, float[] labels, boolean withGradients) {
    try (TFloat32 y = TFloat32.vectorOf(labels)) {
      Session.Runner runner =
          session
              .runner()
              .feed(model.left, l)
              .feed(model.right, r)
              .feed(loss.labels, y)
              .fetch(loss.loss);
      if (withGradients) {
        for (int i = 0; i < 3; i++) {
          runner.fetch(gradients.<TFloat32>dy(i));
        }
      }
      try (Result result = runner.run()) {
        float value = ((TFloat32) result.get(0)).getFloat();
        float[][] grads = new float[withGradients ? 3 : 0][];
        for (int i = 0; i < grads.length; i++) {
          grads[i] = flat((TFloat32) result.get(i + 1));
        }
        return new LossAndGradients(value, grads);
      }
    }
  }

  private float[] fetchPairs(Operand<TFloat32> output, List<String> lefts, List<String> rights) {
    try (TFloat32 l = CodePoints.tensor(lefts);
        TFloat32 r = CodePoints.tensor(rights);
        Result result =
            session.runner().feed(model.left, l).feed(model.right, r).fetch(output).run()) {
      return flat((TFloat32) result.get(0));
    }
  }

  static float[] flat(TFloat32 t) {
    return Tensors.floats(t);
  }

  private static float[][] rows(TFloat32 t) {
    float[] all = flat(t);
    int b = (int) t.shape().get(0);
    int u = (int) t.shape().get(1);
    float[][] out = new float[b][u];
    for (int i = 0; i < b; i++) {
      System.arraycopy(all, i * u, out[i], 0, u);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
