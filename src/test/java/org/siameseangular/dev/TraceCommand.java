package org.siameseangular.dev;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.Pooling;
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

  @Option(
      names = "--encoding",
      defaultValue = "scalar",
      description =
          "folded, hashed or scalar (default: scalar, the Keras original's, as --units 10 is);"
              + " ignored with --init-from, whose metadata gives the encoding.")
  String encoding;

  @Option(
      names = "--pooling",
      description =
          "last or mean-bag (default: the encoding's, as train: mean-bag folded and hashed, last"
              + " scalar); ignored with --init-from, whose metadata gives the pooling.")
  String pooling;

  @Option(names = "--hash-moduli", split = ",", defaultValue = "1031,1087")
  List<Integer> hashModuli;

  @Option(
      names = "--embedding-dimension",
      description = "Features per code point (default: 16 folded, 8 hashed).")
  Integer embeddingDimension;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--learning-rate", defaultValue = "0.01")
  double learningRate;

  @Option(
      names = "--init-from",
      description = "Start from the weights of this SavedModel instead of --seed's.")
  Path initFrom;

  private InputEncoding encoding() {
    try {
      return switch (encoding) {
        case InputEncoding.Scalar.KIND -> InputEncoding.Scalar.DEFAULT;
        case InputEncoding.Hashed.KIND ->
            new InputEncoding.Hashed(
                hashModuli,
                embeddingDimension == null
                    ? InputEncoding.Hashed.DEFAULT_DIMENSION
                    : embeddingDimension);
        case InputEncoding.Folded.KIND ->
            new InputEncoding.Folded(
                hashModuli,
                embeddingDimension == null
                    ? InputEncoding.Folded.DEFAULT_DIMENSION
                    : embeddingDimension);
        default ->
            throw new IllegalArgumentException(
                "--encoding must be folded, hashed or scalar, found '" + encoding + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Pooling pooling(InputEncoding encoding) {
    if (pooling == null) {
      return ModelSpec.defaultPooling(encoding);
    }
    try {
      return Pooling.parse(pooling);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--pooling: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    DevTools.atLeast(spec, "--steps", steps, 1);
    DevTools.atLeast(spec, "--batch-size", batchSize, 1);
    DevTools.atLeast(spec, "--units", units, 1);
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--learning-rate must be a finite number > 0, found " + learningRate);
    }
    // The options first, so that a mistyped one is reported before any file is read.
    InputEncoding inputEncoding = initFrom == null ? encoding() : null;
    Pooling chosen = initFrom == null ? pooling(inputEncoding) : null;
    var pairs = PairFiles.read(data).pairs();
    ModelSpec modelSpec;
    ModelWeights initial;
    if (initFrom == null) {
      modelSpec = new ModelSpec(units, inputEncoding, ModelSpec.DEFAULT_CLIP_EPSILON, chosen);
      initial = KerasInitializers.model(modelSpec, seed);
    } else {
      WeightsReader.Model model = WeightsReader.read(initFrom);
      modelSpec = model.spec();
      initial = model.weights();
    }
    var trace = ParityTrace.run(modelSpec, pairs, steps, batchSize, initial, seed, learningRate);
    Files.writeString(out, JsonCodec.write(trace) + "\n", StandardCharsets.UTF_8);
    return 0;
  }
}
