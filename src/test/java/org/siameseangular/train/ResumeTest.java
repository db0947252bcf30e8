package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;

/**
 * An interrupted run, written to a checkpoint and resumed, ends with the weights of an
 * uninterrupted run.
 */
class ResumeTest {
  private static final List<Pair> PAIRS = DefaultDataset.defaultPairs().subList(0, 640);

  private static TrainConfig config(Optimizer optimizer) {
    return TrainConfig.defaults()
        .withUnits(6)
        .withOptimizer(optimizer)
        .withLearningRate(0.01)
        .withEpochs(3)
        .withBatchSize(32)
        .withSeed(7)
        .withPatience(0);
  }

  private static TrainingResult uninterrupted(TrainConfig c) {
    return new Trainer(c)
        .train(PAIRS, TrainState.start(KerasInitializers.model(c.spec(), c.seed())));
  }

  private static TrainingResult interruptedAndResumed(TrainConfig c, int stopAfterSteps, Path dir)
      throws Exception {
    var steps = new AtomicInteger();
    var counting =
        new TrainingListener() {
          @Override
          public void onStep(int epoch, int step, int total, double loss) {
            steps.incrementAndGet();
          }
        };
    TrainingResult first =
        new Trainer(c, List.of(counting), () -> steps.get() >= stopAfterSteps, 0)
            .train(PAIRS, TrainState.start(KerasInitializers.model(c.spec(), c.seed())));
    assertThat(first.interrupted()).isTrue();
    long fingerprint = Checkpoint.fingerprint(PAIRS);
    new Checkpoint(c, null, fingerprint, "out", first.last()).write(dir);
    Checkpoint read = Checkpoint.read(dir);
    assertThat(read.config()).isEqualTo(c);
    assertThat(read.dataFingerprint()).isEqualTo(fingerprint);
    return new Trainer(read.config()).train(PAIRS, read.state());
  }

  @Test
  void keptValidationDistancesEqualThoseOfTheKeptWeightsScoredAgain() {
    TrainConfig c = config(Optimizer.ADAM);
    var states = new java.util.ArrayList<TrainState>();
    var checkpoints =
        new TrainingListener() {
          @Override
          public void onCheckpoint(TrainState state) {
            states.add(state);
          }
        };
    // The run keeps its best epoch's distances from that epoch's end ...
    TrainingResult straight =
        new Trainer(c, List.of(checkpoints), () -> false, 0)
            .train(PAIRS, TrainState.start(KerasInitializers.model(c.spec(), c.seed())));
    // ... a run resumed after its last epoch has none and scores the kept weights in a new session.
    TrainingResult rescored = new Trainer(c).train(PAIRS, states.get(states.size() - 1));
    assertThat(rescored.bestEpoch()).isEqualTo(straight.bestEpoch());
    assertThat(rescored.validationDistances()).isEqualTo(straight.validationDistances());
  }

  @Test
  void adamResumedMidEpochEqualsUninterruptedBitForBit(@TempDir Path dir) throws Exception {
    TrainConfig c = config(Optimizer.ADAM);
    // 576 training pairs / 32 = 18 steps per epoch: stop inside epoch 2.
    TrainingResult resumed = interruptedAndResumed(c, 25, dir);
    TrainingResult straight = uninterrupted(c);
    assertThat(resumed.weights()).isEqualTo(straight.weights());
    assertThat(resumed.last().weights()).isEqualTo(straight.last().weights());
    assertThat(resumed.history()).hasSize(3);
    assertThat(resumed.history().get(2).valAuc()).isEqualTo(straight.history().get(2).valAuc());
  }

  @Test
  void sgdResumedInFirstEpochEqualsUninterruptedBitForBit(@TempDir Path dir) throws Exception {
    TrainConfig c = config(Optimizer.SGD);
    TrainingResult resumed = interruptedAndResumed(c, 5, dir);
    assertThat(resumed.last().weights()).isEqualTo(uninterrupted(c).last().weights());
  }

  @Test
  void scalarEncodingWithPlainShuffleResumesBitForBit(@TempDir Path dir) throws Exception {
    TrainConfig c =
        config(Optimizer.ADAM).withEncoding(InputEncoding.Scalar.DEFAULT).withLengthBuckets(false);
    TrainingResult resumed = interruptedAndResumed(c, 25, dir);
    assertThat(resumed.last().weights()).isEqualTo(uninterrupted(c).last().weights());
    assertThat(resumed.last().weights().embeddings()).isNull();
  }
}
