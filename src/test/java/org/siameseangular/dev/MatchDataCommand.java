package org.siameseangular.dev;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.siameseangular.match.Names;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * For .ci/match-benchmark.sh: generated name-like candidates and noisy queries whose true source is
 * known (the data of match/MatchBenchmark, same seeds).
 */
@Command(
    name = "match-data",
    mixinStandardHelpOptions = true,
    description =
        "Write candidates.txt (distinct generated names), queries.txt (each a candidate with one or"
            + " two typing errors) and truth.txt (the line of each query's source in"
            + " candidates.txt) into --out.")
final class MatchDataCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Option(names = "--candidates", defaultValue = "1000000")
  int candidates;

  @Option(names = "--queries", defaultValue = "10000")
  int queries;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() throws IOException {
    DevTools.atLeast(spec, "--candidates", candidates, 1);
    DevTools.atLeast(spec, "--queries", queries, 1);
    Files.createDirectories(out);
    List<String> names = Names.distinct(candidates, seed);
    write(out.resolve("candidates.txt"), names);
    var random = new SplittableRandom(seed + 1);
    try (BufferedWriter q = Files.newBufferedWriter(out.resolve("queries.txt"));
        BufferedWriter t = Files.newBufferedWriter(out.resolve("truth.txt"))) {
      for (int i = 0; i < queries; i++) {
        int source = random.nextInt(candidates);
        q.write(Names.noisy(names.get(source), random));
        q.write('\n');
        t.write(Integer.toString(source + 1));
        t.write('\n');
      }
    }
    System.err.printf("match-data: %,d candidates, %,d queries in %s%n", candidates, queries, out);
    return 0;
  }

  private static void write(Path file, List<String> lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String s : lines) {
        w.write(s);
        w.write('\n');
      }
    }
  }
}
