package org.siameseangular.calibration;

import java.util.ArrayList;
import java.util.List;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.AngularLoss;
import org.siameseangular.graph.CodePoints;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.SiameseGraph;
import org.siameseangular.train.Optimizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The training step of train/TrainingSession (Adam from {@code ApplyAdam} with {@code beta^t} fed from Java,
 * the same session threads, one {@code Session.run} per step) over every trainable variable of the model,
 * the encoding's table included. A prototype for calibration only: the real session learns these variables in
 * phase 2 of issue 10.
 */
final class CalibrationSession implements AutoCloseable {
  static final ConfigProto SESSION_CONFIG =
      ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(2).build();
  private static final int EVAL_BATCH = 512;

  private final ModelSpec spec;
  private final Graph graph;
  private final Session session;
  private final SiameseGraph model;
  private final AngularLoss loss;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final Op train;
  private long iterations;

  CalibrationSession(ModelSpec spec, ModelWeights initial, double learningRate) {
    this.spec = spec;
    graph = new Graph();
    Ops tf = Ops.create(graph);
    model = SiameseGraph.build(tf, spec, initial);
    loss = new AngularLoss(tf, model.distance);
    List<Variable<TFloat32>> variables = model.trainableVariables();
    var gradients = tf.gradients(loss.loss, variables);
    Operand<TFloat32> rate = tf.constant((float) learningRate);
    Ops opt = tf.withSubScope("optimizer");
    beta1Power = opt.withName("beta1_power").placeholder(TFloat32.class);
    beta2Power = opt.withName("beta2_power").placeholder(TFloat32.class);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> var = variables.get(i);
      Variable<TFloat32> m = opt.withName("m" + i).variable(tf.zeros(tf.constant(var.shape()), TFloat32.class));
      Variable<TFloat32> v = opt.withName("v" + i).variable(tf.zeros(tf.constant(var.shape()), TFloat32.class));
      updates.add(opt.train.applyAdam(var, m, v, beta1Power, beta2Power, rate,
          tf.constant((float) Optimizer.ADAM_BETA_1), tf.constant((float) Optimizer.ADAM_BETA_2),
          tf.constant((float) Optimizer.ADAM_EPSILON), gradients.<TFloat32>dy(i)));
    }
    train = tf.withControlDependencies(updates).withName("train").noOp();
    session = new Session(graph, SESSION_CONFIG);
    session.initialize();
  }

  /** One Adam step; returns the batch's mean loss. */
  float step(List<Pair> batch) {
    List<String> lefts = new ArrayList<>(batch.size());
    List<String> rights = new ArrayList<>(batch.size());
    float[] labels = new float[batch.size()];
    for (int i = 0; i < labels.length; i++) {
      lefts.add(batch.get(i).left());
      rights.add(batch.get(i).right());
      labels[i] = batch.get(i).label();
    }
    iterations++;
    try (TFloat32 l = CodePoints.tensor(lefts);
        TFloat32 r = CodePoints.tensor(rights);
        TFloat32 y = TFloat32.vectorOf(labels);
        TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(Optimizer.ADAM_BETA_1, iterations));
        TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(Optimizer.ADAM_BETA_2, iterations));
        Result result = session.runner().feed(model.left, l).feed(model.right, r).feed(loss.labels, y)
            .feed(beta1Power, b1).feed(beta2Power, b2).addTarget(train).fetch(loss.loss).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  /** Distances under the current weights, in order. */
  float[] distances(List<Pair> pairs) {
    float[] out = new float[pairs.size()];
    for (int start = 0; start < pairs.size(); start += EVAL_BATCH) {
      List<Pair> chunk = pairs.subList(start, Math.min(pairs.size(), start + EVAL_BATCH));
      try (TFloat32 l = CodePoints.tensor(chunk.stream().map(Pair::left).toList());
          TFloat32 r = CodePoints.tensor(chunk.stream().map(Pair::right).toList());
          Result result =
              session.runner().feed(model.left, l).feed(model.right, r).fetch(model.distance).run()) {
        ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out, start, chunk.size());
      }
    }
    return out;
  }

  /** The current weights. */
  ModelWeights weights() {
    List<Variable<TFloat32>> variables = model.trainableVariables();
    Session.Runner runner = session.runner();
    variables.forEach(runner::fetch);
    try (Result result = runner.run()) {
      List<float[]> values = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] a = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(a);
        values.add(a);
      }
      int tables = model.encoderVariables().size();
      int n = values.size();
      return new ModelWeights(values.subList(0, tables),
          new LstmWeights(spec.units(), values.get(n - 3), values.get(n - 2), values.get(n - 1)));
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

}
