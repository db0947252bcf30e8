package org.siameseangular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the product code, read from its compiled classes with the JDK's {@code jdeps}:
 * every package sits in one layer and depends only on packages of lower layers.
 *
 * <pre>
 *   5  cli, spark             argument parsing, printing; the Spark integration (Spark is provided)
 *   4  workflow               train -> export -> report, evaluate
 *   3  report                 charts, report.html, history.csv, metrics.json
 *   2  train, model           the training loop; SavedModel export/load and SimilarityModel
 *   1  graph, eval            TensorFlow ops and batches; metrics and baselines
 *   0  data, io               pairs and datasets; JSON and atomic files
 * </pre>
 */
class ArchitectureTest {
  private static final String ROOT = "org.siameseangular.";

  /** A new package gets a layer here: below everything it uses, above everything that uses it. */
  private static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("data", 0),
          Map.entry("io", 0),
          Map.entry("graph", 1),
          Map.entry("eval", 1),
          Map.entry("train", 2),
          Map.entry("model", 2),
          Map.entry("report", 3),
          Map.entry("match", 3),
          Map.entry("workflow", 4),
          Map.entry("cli", 5),
          Map.entry("spark", 5));

  private static final Path CLASSES = Path.of("target", "classes");

  /** The class files of the developer tools (test sources only). */
  private static final String DEV_TOOLS =
      "(JavaBench|BenchCommand|TraceCommand|ParityTrace|ThroughputProbe|DevTools|Match(Data|Report)Command).*\\.class";

  private record Edge(String from, String to) {
    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  private static Set<Edge> edges;

  @BeforeAll
  static void readDependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    var out = new StringWriter();
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "-verbose:package",
            "-filter:none",
            "-e",
            "org\\.siameseangular\\..*",
            CLASSES.toString());
    assertThat(code).as(out.toString()).isZero();
    Pattern line =
        Pattern.compile(
            "^\\s*org\\.siameseangular\\.(\\w+)\\s+->\\s+org\\.siameseangular\\.(\\w+)\\b");
    edges = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (String l : out.toString().split("\n")) {
      Matcher m = line.matcher(l);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        edges.add(new Edge(m.group(1), m.group(2)));
      }
    }
  }

  @Test
  void everyPackageHasALayer() throws Exception {
    List<String> packages = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CLASSES.resolve("org/siameseangular"))) {
      dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }

    assertThat(packages).isNotEmpty().allSatisfy(p -> assertThat(LAYERS).containsKey(p));
  }

  @Test
  void everyDependencyPointsToALowerLayer() {
    List<Edge> upward =
        edges.stream()
            .filter(e -> !(LAYERS.getOrDefault(e.to(), 99) < LAYERS.getOrDefault(e.from(), -1)))
            .toList();

    assertThat(edges).isNotEmpty();
    assertThat(upward).as("dependencies that do not point down (all: %s)", edges).isEmpty();
  }

  /**
   * Spark is a provided dependency: the CLI and the library must run without it on the class path.
   */
  @Test
  void onlyTheSparkPackageUsesSpark() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    var out = new StringWriter();
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "-verbose:package",
            "-filter:none",
            "-e",
            "(org\\.apache\\.spark|scala)\\..*",
            CLASSES.toString());
    assertThat(code).as(out.toString()).isZero();
    Pattern line =
        Pattern.compile(
            "^\\s*org\\.siameseangular\\.(\\w+)\\s+->\\s+(org\\.apache\\.spark|scala)\\b");
    Set<String> users = new TreeSet<>();
    for (String l : out.toString().split("\n")) {
      Matcher m = line.matcher(l);
      if (m.find()) {
        users.add(m.group(1));
      }
    }

    assertThat(users).containsExactly("spark");
  }

  /** The Spark integration sits on top: the CLI and the library never load a Spark class. */
  @Test
  void nothingDependsOnTheSparkPackage() {
    assertThat(edges.stream().filter(e -> e.to().equals("spark")).map(Edge::from)).isEmpty();
  }

  @Test
  void onlyTheWorkflowUsesTheReport() {
    assertThat(edges.stream().filter(e -> e.to().equals("report")).map(Edge::from))
        .containsOnly("workflow");
  }

  @Test
  void noDeveloperToolIsInTheProductClasses() throws Exception {
    try (Stream<Path> files = Files.walk(CLASSES)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.matches(DEV_TOOLS));
    }
  }
}
