package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.data.UserException;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
import org.siameseangular.io.JsonCodec;

/**
 * The checkpoint file: version 1, written before the move to Jackson records (fixture {@code
 * checkpoint-v1/checkpoint.json}, see legacy-fixtures.md), still reads, value for value, and
 * resumes; damaged or unknown files are refused with what is wrong.
 */
class CheckpointTest {
  /** The run that wrote the fixture: stopped after 15 steps, in epoch 2. */
  private static final List<Pair> PAIRS = DefaultDataset.defaultPairs().subList(0, 200);

  /**
   * The fixture's run: the scalar encoding, pooled by the last state, with plain shuffled batches,
   * all there was then.
   */
  private static final TrainConfig CONFIG =
      TrainConfig.defaults()
          .withEncoding(InputEncoding.Scalar.DEFAULT)
          .withPooling(Pooling.LAST)
          .withLengthBuckets(false)
          .withUnits(2)
          .withOptimizer(Optimizer.ADAM)
          .withLearningRate(0.01)
          .withEpochs(3)
          .withBatchSize(16)
          .withSeed(7)
          .withPatience(0)
          .withSchedule(LearningRateSchedule.CONSTANT);

  private static Path legacy(Path dir) throws IOException {
    try (InputStream in =
        CheckpointTest.class.getResourceAsStream("checkpoint-v1/checkpoint.json")) {
      Files.createDirectories(dir);
      Files.write(dir.resolve(Checkpoint.FILE), in.readAllBytes());
    }
    return dir;
  }

  private static TrainingResult stoppedAfter15Steps() {
    return stoppedAfter15Steps(CONFIG);
  }

  private static TrainingResult stoppedAfter15Steps(TrainConfig config) {
    var steps = new AtomicInteger();
    TrainingListener counting =
        new TrainingListener() {
          @Override
          public void onStep(int epoch, int step, int total, double loss) {
            steps.incrementAndGet();
          }
        };
    return new Trainer(config, List.of(counting), () -> steps.get() >= 15, 0)
        .train(PAIRS, TrainState.start(KerasInitializers.model(config.spec(), config.seed())));
  }

  /**
   * Every value of the version-1 file, against the file's flat keys parsed here; where the run
   * stood, against today's trainer after the same 15 steps. (Not today's weights: the trainer that
   * wrote the file encoded the two sides in two calls, today's stacks them into one, and float32
   * rounds the two differently in the last bits.)
   */
  @Test
  void version1ReadsEveryValueOfTheFile(@TempDir Path tmp) throws IOException {
    Path dir = legacy(tmp.resolve("ckpt"));
    @SuppressWarnings("unchecked")
    Map<String, Object> file =
        JsonCodec.read(Files.readString(dir.resolve(Checkpoint.FILE)), Map.class);
    Checkpoint read = Checkpoint.read(dir);
    TrainState today = stoppedAfter15Steps().last();

    assertThat(read.config()).isEqualTo(CONFIG);
    assertThat(read.dataSource()).isEqualTo("pairs.csv");
    assertThat(read.dataFingerprint()).isEqualTo(Checkpoint.fingerprint(PAIRS));
    assertThat(read.out()).isEqualTo("out");
    TrainState s = read.state();
    assertThat(
            List.of(
                s.epochsDone(),
                s.stepInEpoch(),
                s.optimizer().iterations(),
                s.bestEpoch(),
                s.epochPairs(),
                s.history().size()))
        .isEqualTo(
            List.of(
                today.epochsDone(),
                today.stepInEpoch(),
                today.optimizer().iterations(),
                today.bestEpoch(),
                today.epochPairs(),
                today.history().size()));
    assertThat(s.weights()).isEqualTo(lstmOf(file.get("weights")));
    assertThat(s.best()).isEqualTo(lstmOf(file.get("best")));
    assertThat(s.optimizer().slots()).isDeepEqualTo(rowsOf(file.get("slots")));
    assertThat(s.epochLossSum()).isEqualTo(((Number) file.get("epochLossSum")).doubleValue());
    @SuppressWarnings("unchecked")
    List<Number> row = ((List<List<Number>>) file.get("history")).get(0);
    EpochMetrics h = s.history().get(0);
    assertThat(List.of(h.epoch(), h.loss(), h.valLoss(), h.valAccuracy(), h.valAuc(), h.seconds()))
        .isEqualTo(
            List.of(
                row.get(0).intValue(),
                row.get(1).doubleValue(),
                row.get(2).doubleValue(),
                row.get(3).doubleValue(),
                row.get(4).doubleValue(),
                row.get(5).doubleValue()));
  }

  /**
   * Resuming a version-1 checkpoint runs to the end of the run (the steps of an uninterrupted run)
   * and ends with the weights of resuming the same state from a file in today's format.
   */
  @Test
  void version1ResumesLikeTheSameStateInTodaysFormat(@TempDir Path tmp) throws IOException {
    Checkpoint v1 = Checkpoint.read(legacy(tmp.resolve("v1")));
    new Checkpoint(v1.config(), v1.dataSource(), v1.dataFingerprint(), v1.out(), v1.state())
        .write(tmp.resolve("today"));
    Checkpoint today = Checkpoint.read(tmp.resolve("today"));

    TrainingResult fromV1 = new Trainer(v1.config()).train(PAIRS, v1.state());
    TrainingResult fromToday = new Trainer(today.config()).train(PAIRS, today.state());
    TrainingResult straight =
        new Trainer(CONFIG)
            .train(PAIRS, TrainState.start(KerasInitializers.model(CONFIG.spec(), 7)));

    assertThat(fromV1.last().optimizer().iterations())
        .isEqualTo(straight.last().optimizer().iterations());
    assertThat(fromV1.last().history()).hasSameSizeAs(straight.last().history());
    assertThat(fromV1.last().weights()).isEqualTo(fromToday.last().weights());
  }

  /** The LSTM weights of a version-1 {@code {kernel, recurrent_kernel, bias}} object. */
  private static ModelWeights lstmOf(Object json) {
    @SuppressWarnings("unchecked")
    var w = (Map<String, List<Number>>) json;
    return ModelWeights.of(
        new LstmWeights(
            CONFIG.spec().units(),
            floatsOf(w.get("kernel")),
            floatsOf(w.get("recurrent_kernel")),
            floatsOf(w.get("bias"))));
  }

  private static float[][] rowsOf(Object json) {
    @SuppressWarnings("unchecked")
    var rows = (List<List<Number>>) json;
    return rows.stream().map(CheckpointTest::floatsOf).toArray(float[][]::new);
  }

  private static float[] floatsOf(List<Number> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  @Test
  void writtenCheckpointReadsBackEqual(@TempDir Path tmp) throws IOException {
    TrainState state = stoppedAfter15Steps().last();
    var written = new Checkpoint(CONFIG, null, 123456789012345L, "models/x", state);

    written.write(tmp);
    Checkpoint read = Checkpoint.read(tmp);

    assertThat(read.config()).isEqualTo(written.config());
    assertThat(read.dataSource()).isNull();
    assertThat(read.dataFingerprint()).isEqualTo(123456789012345L);
    assertThat(read.state().weights()).isEqualTo(state.weights());
    assertThat(read.state().history()).isEqualTo(state.history());
    assertThat(read.state().optimizer().slots()).isDeepEqualTo(state.optimizer().slots());
  }

  /**
   * A version-2 file (written before the hashed encoding: flat scalar spec, no {@code
   * lengthBuckets}, the LSTM's weights alone), made from today's file by undoing each change.
   */
  @Test
  void version2ReadsAsTheScalarEncodingWithPlainBatches(@TempDir Path tmp) throws IOException {
    TrainState state = stoppedAfter15Steps().last();
    new Checkpoint(CONFIG, null, 5L, "models/x", state).write(tmp);
    @SuppressWarnings("unchecked")
    Map<String, Object> file =
        JsonCodec.read(Files.readString(tmp.resolve(Checkpoint.FILE)), Map.class);
    file.put("version", 2);
    @SuppressWarnings("unchecked")
    var checkpoint = (Map<String, Object>) file.get("checkpoint");
    @SuppressWarnings("unchecked")
    var config = (Map<String, Object>) checkpoint.get("config");
    config.remove("lengthBuckets");
    @SuppressWarnings("unchecked")
    var spec = (Map<String, Object>) config.get("spec");
    spec.remove("encoding");
    spec.remove("pooling");
    @SuppressWarnings("unchecked")
    var saved = (Map<String, Object>) checkpoint.get("state");
    for (String key : List.of("weights", "best")) {
      @SuppressWarnings("unchecked")
      var weights = (Map<String, Object>) saved.get(key);
      saved.put(key, weights.get("lstm"));
    }
    Files.writeString(tmp.resolve(Checkpoint.FILE), JsonCodec.write(file));

    Checkpoint read = Checkpoint.read(tmp);

    assertThat(read.config()).isEqualTo(CONFIG);
    assertThat(read.state().weights()).isEqualTo(state.weights());
    assertThat(read.state().best()).isEqualTo(state.best());
  }

  @Test
  void hashedCheckpointReadsBackWithTheTableAndItsAdamSlots(@TempDir Path tmp) throws IOException {
    TrainConfig hashed =
        CONFIG
            .withEncoding(new InputEncoding.Hashed(List.of(101, 103, 109), 3))
            .withLengthBuckets(true);
    TrainState state = stoppedAfter15Steps(hashed).last();

    new Checkpoint(hashed, null, 1L, "models/x", state).write(tmp);
    Checkpoint read = Checkpoint.read(tmp);

    assertThat(read.config()).isEqualTo(hashed);
    assertThat(read.state().weights()).isEqualTo(state.weights());
    assertThat(read.state().weights().embeddings()).hasSize(313 * 3);
    // The table's m and v lead the slots, then the LSTM's three pairs.
    assertThat(read.state().optimizer().slots()).hasNumberOfRows(8);
    assertThat(read.state().optimizer().slots()).isDeepEqualTo(state.optimizer().slots());
  }

  @Test
  void aCosineMeanBagRunResumedFromItsCheckpointEndsWithTheWeightsOfAnUninterruptedRun(
      @TempDir Path tmp) throws IOException {
    TrainConfig cosine =
        CONFIG
            .withEncoding(new InputEncoding.Folded(List.of(101, 103, 109), 3))
            .withPooling(Pooling.MEAN_BAG)
            .withLengthBuckets(true)
            .withSchedule(LearningRateSchedule.COSINE);
    new Checkpoint(cosine, null, 1L, "models/x", stoppedAfter15Steps(cosine).last()).write(tmp);
    Checkpoint read = Checkpoint.read(tmp);

    TrainingResult resumed = new Trainer(read.config()).train(PAIRS, read.state());
    TrainingResult straight =
        new Trainer(cosine)
            .train(PAIRS, TrainState.start(KerasInitializers.model(cosine.spec(), 7)));

    assertThat(read.config()).isEqualTo(cosine);
    assertThat(resumed.last().weights()).isEqualTo(straight.last().weights());
  }

  @Test
  void aVersion3FileWithoutAScheduleRanAtAConstantRate(@TempDir Path tmp) throws IOException {
    TrainConfig cosine = CONFIG.withSchedule(LearningRateSchedule.COSINE);
    new Checkpoint(cosine, null, 1L, "models/x", stoppedAfter15Steps(cosine).last()).write(tmp);
    Path file = tmp.resolve(Checkpoint.FILE);
    String text = Files.readString(file);
    assertThat(text).contains("\"schedule\":\"cosine\"");
    Files.writeString(file, text.replace(",\"schedule\":\"cosine\"", ""));

    assertThat(Checkpoint.read(tmp).config().schedule()).isEqualTo(LearningRateSchedule.CONSTANT);
  }

  @Test
  void aVersion3FileWithoutAPoolingPoolsByTheLastState(@TempDir Path tmp) throws IOException {
    TrainConfig meanBag = CONFIG.withPooling(Pooling.MEAN_BAG);
    new Checkpoint(meanBag, null, 1L, "models/x", stoppedAfter15Steps(meanBag).last()).write(tmp);
    Path file = tmp.resolve(Checkpoint.FILE);
    String text = Files.readString(file);
    assertThat(Checkpoint.read(tmp).config()).isEqualTo(meanBag);
    assertThat(text).contains(",\"pooling\":\"mean-bag\"");
    Files.writeString(file, text.replace(",\"pooling\":\"mean-bag\"", ""));

    assertThat(Checkpoint.read(tmp).config()).isEqualTo(CONFIG);
  }

  @Test
  void missingCheckpointIsRefusedNamingTheDirectory(@TempDir Path tmp) {
    assertThatThrownBy(() -> Checkpoint.read(tmp))
        .isInstanceOf(UserException.class)
        .hasMessageStartingWith("no checkpoint in " + tmp + ": checkpoint.json is missing");
  }

  @Test
  void damagedCheckpointIsRefusedNamingTheFileAndTheValue(@TempDir Path tmp) throws IOException {
    Path dir = legacy(tmp.resolve("ckpt"));
    Path file = dir.resolve(Checkpoint.FILE);
    Files.writeString(file, Files.readString(file).replace("\"epochs\":3", "\"epochs\":\"many\""));

    assertThatThrownBy(() -> Checkpoint.read(dir))
        .isInstanceOf(UserException.class)
        .hasMessageStartingWith(file + " is damaged or from another version: epochs: ");
  }

  @Test
  void checkpointOfANewerVersionIsRefusedSayingSo(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve(Checkpoint.FILE), "{\"format\":\"siamese-angular-checkpoint\",\"version\":9}");

    assertThatThrownBy(() -> Checkpoint.read(tmp))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("checkpoint version 9 is newer than this program reads");
  }
}
