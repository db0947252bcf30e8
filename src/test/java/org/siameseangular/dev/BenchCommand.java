package org.siameseangular.dev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.train.Optimizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** For python-export/benchmark.py: the Java timings as JSON on stdout. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Time training steps and scoring; print raw timings as JSON (driven by"
            + " python-export/benchmark.py).")
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--part", required = true, description = "train, export or serve")
  String part;

  @Option(names = "--data", required = true)
  Path data;

  @Option(names = "--units", defaultValue = "32")
  int units;

  @Option(
      names = "--encoding",
      defaultValue = "scalar",
      description =
          "scalar (default: the model python-export/benchmark.py compares with Keras), hashed"
              + " (1031x1087, d8) or folded (the default model's encoding, d16); the pooling is the"
              + " encoding's default (windows for hashed and folded, last for scalar)")
  String encoding;

  @Option(names = "--optimizer", defaultValue = "adam")
  String optimizer;

  @Option(names = "--learning-rate", defaultValue = "0.005")
  double learningRate;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,32,256")
  int[] batchSizes;

  @Option(names = "--steps", split = ",", defaultValue = "300,100,20")
  int[] steps;

  @Option(names = "--repeats", defaultValue = "5")
  int repeats;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--model", description = "model directory (export writes it, serve reads it)")
  Path model;

  @Option(names = "--calls", defaultValue = "2000")
  int calls;

  @Option(
      names = "--batch-calls",
      defaultValue = "20",
      description = "timed batch calls per repetition")
  int batchCalls;

  @Option(
      names = "--batch-warmup",
      defaultValue = "-1",
      description = "untimed batch calls before the first repetition (default: --batch-calls)")
  int batchWarmup;

  @Option(names = "--batch", defaultValue = "1024")
  int batch;

  @Override
  public Integer call() throws Exception {
    DevTools.atLeast(spec, "--repeats", repeats, 1);
    DevTools.atLeast(spec, "--units", units, 1);
    DevTools.atLeast(spec, "--calls", calls, 0);
    DevTools.atLeast(spec, "--batch-calls", batchCalls, 1);
    if (batchSizes.length != steps.length) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--batch-sizes and --steps need as many values each, found "
              + batchSizes.length
              + " and "
              + steps.length);
    }
    var pairs = PairFiles.read(data).pairs();
    var out = new LinkedHashMap<String, Object>();
    out.put("environment", JavaBench.environment());
    switch (part) {
      case "train" ->
          out.put(
              "train",
              JavaBench.train(
                  pairs,
                  spec(),
                  Optimizer.parse(optimizer),
                  learningRate,
                  batchSizes,
                  steps,
                  repeats,
                  seed));
      case "export" -> JavaBench.export(requireModel(), spec(), seed);
      case "serve" ->
          out.put(
              "serve",
              JavaBench.serve(
                  requireModel(),
                  pairs,
                  calls,
                  batchWarmup < 0 ? batchCalls : batchWarmup,
                  batchCalls,
                  batch,
                  repeats));
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--part must be train, export or serve, found " + part);
    }
    spec.commandLine().getOut().println(JsonCodec.write(out));
    return 0;
  }

  /**
   * The model {@code train} builds for the encoding and units, its default pooling included
   * (windows for the table encodings, last for scalar), as benchmark.py's Keras side does
   * (siamese_model.make_spec).
   */
  private ModelSpec spec() {
    ModelSpec base =
        switch (encoding) {
          case InputEncoding.Scalar.KIND -> ModelSpec.withUnits(units);
          case InputEncoding.Hashed.KIND -> ModelSpec.hashed(units);
          case InputEncoding.Folded.KIND -> ModelSpec.folded(units);
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "--encoding must be scalar, hashed or folded, found " + encoding);
        };
    return base.pooledBy(ModelSpec.defaultPooling(base.encoding()));
  }

  private Path requireModel() {
    if (model == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--model is required for --part " + part);
    }
    return model;
  }
}
