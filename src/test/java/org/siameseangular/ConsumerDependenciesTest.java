package org.siameseangular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application that depends on {@code org.siameseangular:siamese-angular} gets: Maven
 * resolves the runtime dependencies of a consumer project (src/test/resources/consumer/pom.xml)
 * against this build's pom.xml, in a child {@code mvn}. The pom is placed in a private local
 * repository whose other entries link to the build's own (so the artifacts the build resolved are
 * not downloaded again, and the user's repository gets no test version of this project). Before,
 * the consumer got the TensorFlow natives of four platforms and picocli: 705 MB.
 */
class ConsumerDependenciesTest {
  private static final String VERSION = "0.0.0-consumer-check";

  /** The consumer's artifacts: group:artifact:type[:classifier]:version:scope:file. */
  private static List<String[]> artifacts;

  @BeforeAll
  static void resolve(@TempDir Path tmp) throws Exception {
    Path repo = privateRepository(tmp.resolve("repo"));
    Path consumer = tmp.resolve("consumer");
    Files.createDirectories(consumer);
    String pom =
        Files.readString(Path.of("src/test/resources/consumer/pom.xml"))
            .replace("@VERSION@", VERSION);
    Files.writeString(consumer.resolve("pom.xml"), pom);
    Path list = tmp.resolve("list.txt");
    String mvn =
        Path.of(System.getProperty("siamese.mavenHome", "/usr/share/maven"), "bin", "mvn")
            .toString();
    var command =
        List.of(
            mvn,
            "-B",
            "-q",
            // Not offline: on a fresh machine the test phase runs before this build has used
            // maven-dependency-plugin, whose dependencies Maven then fetches (once, into the user's
            // repository through the links).
            "-Dmaven.repo.local=" + repo,
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
            "-DincludeScope=runtime",
            "-DoutputAbsoluteArtifactFilename=true",
            "-DoutputFile=" + list);
    Path log = tmp.resolve("mvn.log");
    Process p =
        new ProcessBuilder(command)
            .directory(consumer.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // The limit only turns a hang (a stalled download) into a failure.
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mvn did not end within 10 minutes: " + Files.readString(log));
    }
    assertThat(p.exitValue()).as("%s: %s", command, Files.readString(log)).isZero();
    artifacts = new ArrayList<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      // "g:a:type[:classifier]:v:scope:/path/to.jar -- module name": drop the module note.
      String t = line.replaceFirst(" -- module .*$", "").trim();
      if (t.contains(":") && t.contains("/")) {
        artifacts.add(t.split(":"));
      }
    }
  }

  /**
   * A local repository holding this build's pom.xml as version {@link #VERSION}; every other entry
   * links to the build's local repository.
   */
  private static Path privateRepository(Path repo) throws IOException {
    Path shared =
        Path.of(
            System.getProperty(
                "siamese.localRepository", System.getProperty("user.home") + "/.m2/repository"));
    Files.createDirectories(repo.resolve("org"));
    try (Stream<Path> top = Files.list(shared)) {
      for (Path entry : top.toList()) {
        if (!entry.getFileName().toString().equals("org")) {
          Files.createSymbolicLink(repo.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
    try (Stream<Path> orgs = Files.list(shared.resolve("org"))) {
      for (Path entry : orgs.toList()) {
        if (!entry.getFileName().toString().equals("siameseangular")) {
          Files.createSymbolicLink(
              repo.resolve("org").resolve(entry.getFileName().toString()), entry);
        }
      }
    }
    Path dir = repo.resolve("org/siameseangular/siamese-angular/" + VERSION);
    Files.createDirectories(dir);
    String pom = Files.readString(Path.of("pom.xml"));
    String version = "<version>0.1.0-SNAPSHOT</version>";
    assertThat(pom).as("this test rewrites the project version").contains(version);
    Files.writeString(
        dir.resolve("siamese-angular-" + VERSION + ".pom"),
        pom.replaceFirst(version, "<version>" + VERSION + "</version>"));
    return repo;
  }

  @Test
  void theConsumerGetsTheNativesOfOnePlatformOnly() {
    List<String> natives =
        artifacts.stream()
            .filter(a -> a[1].equals("tensorflow-core-native") && a.length == 7)
            .map(a -> a[3])
            .toList();
    assertThat(natives).containsExactly(buildPlatform());
  }

  @Test
  void theConsumerDoesNotGetTheCommandLinesParser() {
    assertThat(artifacts).noneMatch(a -> a[0].equals("info.picocli"));
  }

  @Test
  void theConsumersDependenciesWeighUnder270Megabytes() throws IOException {
    long bytes = 0;
    var lines = new ArrayList<String>();
    for (String[] a : artifacts) {
      long size = Files.size(Path.of(a[a.length - 1]));
      bytes += size;
      lines.add(String.format(Locale.ROOT, "%8.1f MB  %s", size / 1e6, String.join(":", a)));
    }
    // 160.6 MB of linux-x86_64 natives; the largest platform's (windows-x86_64) are 253 MB.
    System.out.printf(
        Locale.ROOT,
        "consumer dependencies: %.1f MB in %d jars%n%s%n",
        bytes / 1e6,
        artifacts.size(),
        String.join("\n", lines));
    assertThat(bytes).as("bytes of %s", lines).isLessThan(270_000_000L);
  }

  private static String buildPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : "arm64";
    if (os.contains("win")) {
      return "windows-" + cpu;
    }
    return (os.contains("mac") ? "macosx-" : "linux-") + cpu;
  }
}
