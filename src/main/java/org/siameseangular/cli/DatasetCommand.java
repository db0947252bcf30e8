package org.siameseangular.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.PairFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description =
        "Write the embedded default dataset (16,000 typo / different-word pairs) to a CSV or TSV"
            + " file.")
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

  @Override
  public Integer call() {
    PairFiles.write(out, DefaultDataset.generate(seed));
    System.err.println("wrote " + DefaultDataset.DEFAULT_SIZE + " pairs to " + out);
    return 0;
  }
}
