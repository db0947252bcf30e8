package org.siameseangular.train;

import java.util.ArrayList;
import java.util.List;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.AngularLoss;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.PairBatch;
import org.siameseangular.graph.SessionConfig;
import org.siameseangular.graph.SiameseGraph;
import org.siameseangular.graph.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The training graph and its session: the model, the loss, the gradients and one optimizer's update
 * ops. Owns its {@link Graph} and {@link Session}; closing it frees both.
 *
 * <p>One {@link #step} is one {@code Session.run}: it feeds a batch, runs the updates and fetches
 * the loss, each pair's loss and the squared gradient norm (for the divergence check). Adam is
 * built from {@code ApplyAdam} with {@code beta^t} fed from Java rather than kept in variables,
 * which keeps every update ordered and the training bit-for-bit reproducible
 * (tensorflow-framework's Adam is not).
 */
final class TrainingSession implements AutoCloseable {
  /**
   * Pairs per run in {@link #distances}. Scoring 5,600 pairs of the default data with the default
   * architecture (initial weights) took 100-107 ms in runs of 256 and 105-138 ms in runs of 512,
   * with the sides stacked or apart (128: 96-108 ms).
   */
  private static final int EVAL_BATCH = 256;

  /**
   * Steps of up to this many pairs encode both sides in one call ({@link
   * SiameseGraph#buildStacked}), larger ones in two. DevTools bench --part train, folded LSTM(24),
   * two runs each: stacked 1,294-1,676 against 867-1,324 pairs/s at batch 1, 19,000-27,500 against
   * 19,800-23,600 at 64, and 18,600-21,600 against 17,700-25,500 at 128 (at 256 two calls were 2.3x
   * faster: the stacked intermediates outgrow the core's cache).
   */
  static final int STACKED_MAX_BATCH = 64;

  private final TrainConfig config;
  private final Graph graph;
  private final Session session;
  private final SiameseGraph model;
  private final AngularLoss loss;
  private final Operand<TFloat32> gradientNormSquared;
  private final Operand<TFloat32> learningRate;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final List<Variable<TFloat32>> slots = new ArrayList<>();
  private final Op train;
  private long iterations;
  private final long totalSteps;

  /**
   * @param totalSteps the steps of the whole run (epochs x steps per epoch), the length of the
   *     learning-rate schedule; 0 when this session will not train
   */
  TrainingSession(TrainConfig config, ModelWeights initial, OptimizerState state, long totalSteps) {
    this.config = config;
    this.totalSteps = totalSteps;
    this.iterations = state.iterations();
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      boolean stacked = config.batchSize() <= STACKED_MAX_BATCH;
      model =
          stacked
              ? SiameseGraph.buildStacked(tf, config.spec(), initial)
              : SiameseGraph.build(tf, config.spec(), initial);
      loss = new AngularLoss(tf, model.distance);
      List<Variable<TFloat32>> variables = model.trainableVariables();
      var gradients = tf.gradients(loss.loss, variables);

      List<Operand<TFloat32>> norms = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        Operand<TFloat32> flat = tf.reshape(gradients.<TFloat32>dy(i), tf.constant(new int[] {-1}));
        norms.add(tf.reduceSum(tf.math.square(flat), tf.constant(0)));
      }
      gradientNormSquared = tf.math.addN(norms);
      // A constant rate is a graph constant (nothing to feed per step); a scheduled one is fed.
      learningRate =
          config.schedule() == LearningRateSchedule.CONSTANT
              ? tf.withName("learning_rate").constant((float) config.learningRate())
              : tf.withName("learning_rate").placeholder(TFloat32.class);

      List<Op> updates = new ArrayList<>();
      Ops opt = tf.withSubScope("optimizer");
      if (config.optimizer() == Optimizer.ADAM) {
        beta1Power = opt.withName("beta1_power").placeholder(TFloat32.class);
        beta2Power = opt.withName("beta2_power").placeholder(TFloat32.class);
        for (int i = 0; i < variables.size(); i++) {
          Variable<TFloat32> var = variables.get(i);
          Shape shape = var.shape();
          // Slot names: the variable's last name part (framework optimizers refuse "/" in names).
          String name = slotName(var);
          Variable<TFloat32> m =
              opt.withName(name + "_m").variable(slotInit(tf, state, 2 * i, shape));
          Variable<TFloat32> v =
              opt.withName(name + "_v").variable(slotInit(tf, state, 2 * i + 1, shape));
          slots.add(m);
          slots.add(v);
          updates.add(
              opt.train.applyAdam(
                  var,
                  m,
                  v,
                  beta1Power,
                  beta2Power,
                  learningRate,
                  tf.constant((float) Optimizer.ADAM_BETA_1),
                  tf.constant((float) Optimizer.ADAM_BETA_2),
                  tf.constant((float) Optimizer.ADAM_EPSILON),
                  gradients.<TFloat32>dy(i)));
        }
      } else {
        beta1Power = null;
        beta2Power = null;
        for (int i = 0; i < variables.size(); i++) {
          updates.add(
              opt.train.applyGradientDescent(
                  variables.get(i), learningRate, gradients.<TFloat32>dy(i)));
        }
      }
      train = tf.withControlDependencies(updates).withName("train").noOp();
      // One encoder call: one op at a time; two: the two sides side by side.
      Session created =
          new Session(graph, stacked ? SessionConfig.TRAINING : SessionConfig.DEFAULT);
      try {
        created.initialize();
      } catch (RuntimeException e) {
        created.close();
        throw e;
      }
      session = created;
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static String slotName(Variable<TFloat32> variable) {
    String name = variable.op().name();
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static Operand<TFloat32> slotInit(Ops tf, OptimizerState state, int index, Shape shape) {
    float[] values =
        index < state.slots().length ? state.slots()[index] : new float[(int) shape.size()];
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          "optimizer slot "
              + index
              + " has "
              + values.length
              + " values, expected "
              + shape.size());
    }
    return tf.constant(shape, DataBuffers.of(values, true, false));
  }

  /**
   * Runs one optimisation step on {@code batch}: forward, backward and update in one session run.
   */
  StepResult step(List<Pair> batch) {
    iterations++;
    boolean adam = beta1Power != null;
    boolean scheduled = config.schedule() != LearningRateSchedule.CONSTANT;
    try (PairBatch pairs = PairBatch.of(batch);
        TFloat32 rate =
            scheduled
                ? TFloat32.scalarOf(
                    (float) config.schedule().at(config.learningRate(), iterations - 1, totalSteps))
                : null;
        TFloat32 b1 =
            adam ? TFloat32.scalarOf((float) Math.pow(Optimizer.ADAM_BETA_1, iterations)) : null;
        TFloat32 b2 =
            adam ? TFloat32.scalarOf((float) Math.pow(Optimizer.ADAM_BETA_2, iterations)) : null) {
      Session.Runner runner =
          pairs
              .feed(session.runner(), model.left, model.right, loss.labels)
              .addTarget(train)
              .fetch(loss.loss)
              .fetch(loss.perPair)
              .fetch(gradientNormSquared);
      if (adam) {
        runner.feed(beta1Power, b1).feed(beta2Power, b2);
      }
      if (scheduled) {
        runner.feed(learningRate, rate);
      }
      try (Result result = runner.run()) {
        return new StepResult(
            ((TFloat32) result.get(0)).getFloat(),
            Tensors.floats(result.get(1)),
            ((TFloat32) result.get(2)).getFloat());
      }
    }
  }

  /** Distances of the pairs under the current weights, in order. */
  float[] distances(List<Pair> pairs) {
    float[] out = new float[pairs.size()];
    for (int start = 0; start < pairs.size(); start += EVAL_BATCH) {
      List<Pair> chunk = pairs.subList(start, Math.min(pairs.size(), start + EVAL_BATCH));
      try (PairBatch batch =
              PairBatch.unlabelled(
                  chunk.stream().map(Pair::left).toList(),
                  chunk.stream().map(Pair::right).toList());
          Result result =
              batch.feed(session.runner(), model.left, model.right).fetch(model.distance).run()) {
        float[] d = Tensors.floats(result.get(0));
        System.arraycopy(d, 0, out, start, d.length);
      }
    }
    return out;
  }

  /** The current weights of every trainable variable. */
  ModelWeights weights() {
    List<float[]> values = read(model.trainableVariables());
    int n = values.size();
    var lstm =
        new LstmWeights(
            config.spec().units(), values.get(n - 3), values.get(n - 2), values.get(n - 1));
    return new ModelWeights(n == 4 ? values.get(0) : null, lstm);
  }

  /** The optimizer's step count and slots, for a checkpoint. */
  OptimizerState optimizerState() {
    return new OptimizerState(iterations, read(slots).toArray(new float[0][]));
  }

  private List<float[]> read(List<Variable<TFloat32>> variables) {
    if (variables.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    variables.forEach(runner::fetch);
    try (Result result = runner.run()) {
      List<float[]> out = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        out.add(Tensors.floats(result.get(i)));
      }
      return out;
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
