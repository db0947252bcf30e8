package org.siameseangular.dev;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.model.WeightsReader;
import org.siameseangular.train.ParityTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** For the Keras training-parity check: the first SGD steps, with weights and losses, as JSON. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description =
        "Run the first SGD steps on consecutive batches (no shuffle) and write weights and losses"
            + " as JSON.")
final class TraceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true)
  Path data;

  @Option(names = "--out", required = true)
  Path out;

  @Option(names = "--steps", defaultValue = "50")
  int steps;

  @Option(names = "--batch-size", defaultValue = "32")
  int batchSize;

  @Option(names = "--units", defaultValue = "10")
  int units;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--learning-rate", defaultValue = "0.01")
  double learningRate;

  @Option(
      names = "--init-from",
      description = "Start from the weights of this SavedModel instead of --seed's.")
  Path initFrom;

  @Override
  public Integer call() throws Exception {
    DevTools.atLeast(spec, "--steps", steps, 1);
    DevTools.atLeast(spec, "--batch-size", batchSize, 1);
    DevTools.atLeast(spec, "--units", units, 1);
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--learning-rate must be a finite number > 0, found " + learningRate);
    }
    var pairs = PairFiles.read(data).pairs();
    LstmWeights initial =
        initFrom == null
            ? KerasInitializers.lstm(units, seed)
            : WeightsReader.read(initFrom, units);
    var trace =
        ParityTrace.run(
            ModelSpec.withUnits(units), pairs, steps, batchSize, initial, seed, learningRate);
    Files.writeString(out, JsonCodec.write(trace) + "\n", StandardCharsets.UTF_8);
    return 0;
  }
}
