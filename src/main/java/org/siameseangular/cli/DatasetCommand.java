package org.siameseangular.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.EmbeddedTrainingSet;
import org.siameseangular.data.MultiScriptDataset;
import org.siameseangular.data.PairFiles;
import org.siameseangular.data.TaggedPairFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description =
        "Write an embedded dataset to a CSV or TSV file: english (default; 16,000 English word"
            + " typo / different-word pairs, what the Keras reference trains on), training (the"
            + " default training data: the English pairs and 40,000 multi-script name pairs) or"
            + " held-out (the multi-script evaluation set, with kind and script columns).")
final class DatasetCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description =
          "The file to write: .csv (comma-separated) or .tsv (tab-separated), header"
              + " left,right,label; label 1 = similar, 0 = dissimilar.")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--set",
      paramLabel = "english|training|held-out",
      defaultValue = "english",
      description = "Which set (default: ${DEFAULT-VALUE}); --seed applies to english only.")
  String set;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int n;
    switch (set) {
      case "english" -> {
        PairFiles.write(out, DefaultDataset.generate(seed));
        n = DefaultDataset.DEFAULT_SIZE;
      }
      case "training" -> {
        var pairs = EmbeddedTrainingSet.pairs();
        PairFiles.write(out, pairs);
        n = pairs.size();
      }
      case "held-out" -> {
        var pairs = MultiScriptDataset.heldOut();
        TaggedPairFiles.write(out, pairs);
        n = pairs.size();
      }
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--set must be english, training or held-out, found '" + set + "'");
    }
    System.err.println("wrote " + n + " pairs to " + out);
    return 0;
  }
}
