package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siameseangular.data.PairFiles;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.io.Decimals;
import org.siameseangular.match.ExactIndex;
import org.siameseangular.match.Match;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.ModelMetadata;
import org.siameseangular.model.SimilarityModel;

/** {@code match} end to end on small exported models: output, indexes, and bad input. */
class MatchCommandTest {
  private static final String HEADER = "query\trank\tcandidate\tdistance";

  @TempDir static Path shared;
  private static Path model;
  private static Path otherModel;
  private static SimilarityModel loaded;
  private static List<String> names;
  private static Path candidates;
  private static List<String> queries;
  private static Path queryFile;

  @BeforeAll
  static void setUp() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(8), KerasInitializers.lstm(8, 1));
    otherModel = shared.resolve("other-model");
    ModelExporter.export(otherModel, ModelSpec.withUnits(8), KerasInitializers.lstm(8, 2));
    loaded = SimilarityModel.load(model);
    names = names(2000, 7);
    candidates = shared.resolve("candidates.txt");
    Files.write(candidates, names, StandardCharsets.UTF_8);
    var random = new SplittableRandom(8);
    queries = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      queries.add(typo(names.get(random.nextInt(names.size())), random));
    }
    queryFile = shared.resolve("queries.txt");
    Files.write(queryFile, queries, StandardCharsets.UTF_8);
  }

  @AfterAll
  static void close() {
    loaded.close();
  }

  /** Distinct name-like strings, the same for the same seed. */
  static List<String> names(int count, long seed) {
    String[] syllables = {
      "al", "be", "chen", "da", "el", "fer", "ga", "ha", "jo", "ka", "li", "mo", "na", "o", "pe",
      "ra", "si", "to", "va", "wen", "ya", "zu", "berg", "ski", "son", "ez"
    };
    var random = new SplittableRandom(seed);
    var out = new LinkedHashSet<String>();
    while (out.size() < count) {
      var b = new StringBuilder();
      for (int part = 0; part < 2; part++) {
        int n = 1 + random.nextInt(3);
        var word = new StringBuilder();
        for (int i = 0; i < n; i++) {
          word.append(syllables[random.nextInt(syllables.length)]);
        }
        word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
        b.append(part == 0 ? "" : " ").append(word);
      }
      out.add(b.toString());
    }
    return new ArrayList<>(out);
  }

  private static String typo(String s, SplittableRandom random) {
    int i = random.nextInt(s.length());
    return s.substring(0, i) + "x" + s.substring(Math.min(s.length(), i + 1));
  }

  private static List<String> args(String... more) {
    var a = new ArrayList<>(List.of("match", "--model", model.toString()));
    a.addAll(List.of(more));
    return a;
  }

  /** The expected TSV: header, then each query's matches as the library finds them. */
  private static String expected(List<String> qs, List<List<Match>> found) {
    var b = new StringBuilder(HEADER).append('\n');
    for (int q = 0; q < qs.size(); q++) {
      int rank = 0;
      for (Match m : found.get(q)) {
        b.append(qs.get(q))
            .append('\t')
            .append(++rank)
            .append('\t')
            .append(m.text())
            .append('\t')
            .append(Decimals.format(m.distance()))
            .append('\n');
      }
    }
    return b.toString();
  }

  /** query -> its candidates, in rank order. */
  private static Map<String, List<String>> byQuery(CommandRun r) {
    var out = new HashMap<String, List<String>>();
    for (String line : r.lines().subList(1, r.lines().size())) {
      String[] f = line.split("\t", -1);
      out.computeIfAbsent(f[0], q -> new ArrayList<>()).add(f[2]);
    }
    return out;
  }

  @Test
  void exactMatchPrintsEachQuerysKNearestAsTheLibraryFindsThem() {
    CommandRun r =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--exact"));

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout())
        .isEqualTo(expected(queries, ExactIndex.build(loaded, names).topK(queries, 10)));
  }

  @Test
  void ranksRunFromOneByIncreasingDistance() {
    CommandRun r =
        CommandRun.of(
            args("--candidates", candidates.toString(), "--queries", queryFile.toString()));

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.lines().get(0)).isEqualTo(HEADER);
    assertThat(r.lines()).hasSize(1 + 10 * queries.size());
    for (int q = 0; q < queries.size(); q++) {
      float previous = 0;
      for (int rank = 1; rank <= 10; rank++) {
        String[] f = r.lines().get(1 + q * 10 + rank - 1).split("\t");
        assertThat(f[0]).isEqualTo(queries.get(q));
        assertThat(f[1]).isEqualTo(Integer.toString(rank));
        float d = Float.parseFloat(f[3]);
        assertThat(d).isBetween(previous, 1f);
        previous = d;
      }
    }
  }

  @Test
  void approximateSearchFindsWhatExactSearchFindsOnASmallSet() {
    CommandRun hnsw =
        CommandRun.of(
            args("--candidates", candidates.toString(), "--queries", queryFile.toString()));
    CommandRun exact =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--exact"));

    Map<String, List<String>> approximate = byQuery(hnsw);
    long found = 0;
    long wanted = 0;
    for (var e : byQuery(exact).entrySet()) {
      Set<String> truth = new HashSet<>(e.getValue());
      wanted += truth.size();
      found += approximate.get(e.getKey()).stream().filter(truth::contains).count();
    }
    // 2,000 candidates, ef 128 >= k: the graph search visits a large share of them, so recall is
    // near 1; 0.9 leaves room for the order in which parallel workers link the graph.
    assertThat(found / (double) wanted).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void queriesFromStdinAreAnsweredAsFromAFile() {
    String stdin = String.join("\n", queries) + "\n";

    CommandRun piped =
        CommandRun.of(
            stdin, args("--candidates", candidates.toString(), "--exact").toArray(String[]::new));
    CommandRun fromFile =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--exact"));

    assertThat(piped.exit()).as(piped.toString()).isZero();
    assertThat(piped.stdout()).isEqualTo(fromFile.stdout());
  }

  @Test
  void aSavedIndexLoadsAndAnswersTheSame(@TempDir Path tmp) {
    Path index = tmp.resolve("names.index");
    CommandRun built =
        CommandRun.of(
            args(
                "--candidates", candidates.toString(),
                "--queries", queryFile.toString(),
                "--save-index", index.toString()));
    CommandRun reloaded =
        CommandRun.of(args("--index", index.toString(), "--queries", queryFile.toString()));
    CommandRun withItsFile =
        CommandRun.of(
            args(
                "--index", index.toString(),
                "--candidates", candidates.toString(),
                "--queries", queryFile.toString()));

    assertThat(built.exit()).as(built.toString()).isZero();
    assertThat(built.allErr()).contains("index saved to " + index);
    assertThat(reloaded.exit()).as(reloaded.toString()).isZero();
    assertThat(reloaded.stdout()).isEqualTo(built.stdout());
    assertThat(withItsFile.stdout()).isEqualTo(built.stdout());
  }

  @Test
  void aLoadedHnswIndexSearchesExactlyWithExact(@TempDir Path tmp) {
    Path index = tmp.resolve("names.index");
    CommandRun.of(
        args(
            "--candidates",
            candidates.toString(),
            "--queries",
            queryFile.toString(),
            "--save-index",
            index.toString()));

    CommandRun exactOnLoaded =
        CommandRun.of(
            args("--index", index.toString(), "--queries", queryFile.toString(), "--exact"));

    assertThat(exactOnLoaded.stdout())
        .isEqualTo(expected(queries, ExactIndex.build(loaded, names).topK(queries, 10)));
  }

  @Test
  void anIndexBuiltWithAnotherModelIsRefused(@TempDir Path tmp) {
    Path index = tmp.resolve("names.index");
    CommandRun.of(
        args(
            "--candidates",
            candidates.toString(),
            "--queries",
            queryFile.toString(),
            "--save-index",
            index.toString()));

    CommandRun r =
        CommandRun.of(
            "Ada\n", "match", "--model", otherModel.toString(), "--index", index.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr())
        .contains("error: the index at " + index + " was built with another model")
        .doesNotContain("Exception")
        .doesNotContain("\tat org.");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void anIndexOfOtherCandidatesIsRefused(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("names.index");
    CommandRun.of(
        args(
            "--candidates",
            candidates.toString(),
            "--queries",
            queryFile.toString(),
            "--save-index",
            index.toString()));
    Path other = tmp.resolve("other.txt");
    Files.write(other, names.subList(0, 1999));

    CommandRun r =
        CommandRun.of(args("--index", index.toString(), "--candidates", other.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("holds 2000 candidates, " + other + " 1999");
  }

  @Test
  void aTruncatedIndexIsRefusedAndNothingIsOverwritten(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("names.index");
    CommandRun.of(
        args(
            "--candidates",
            candidates.toString(),
            "--queries",
            queryFile.toString(),
            "--save-index",
            index.toString()));
    Path vectors = index.resolve("vectors.f32");
    try (var f = new RandomAccessFile(vectors.toFile(), "rw")) {
      f.setLength(f.length() - 4);
    }
    byte[] before = Files.readAllBytes(vectors);

    CommandRun r =
        CommandRun.of(
            args(
                "--index", index.toString(),
                "--save-index", index.toString(),
                "--queries", queryFile.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("vectors.f32 is truncated").doesNotContain("Exception");
    assertThat(Files.readAllBytes(vectors)).isEqualTo(before);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void savingOverADirectoryThatIsNotAnIndexIsRefusedBeforeAnyWork(@TempDir Path tmp)
      throws IOException {
    Path photos = tmp.resolve("photos");
    Files.createDirectories(photos);
    Files.writeString(photos.resolve("holiday.jpg"), "keep me");

    CommandRun r =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--save-index",
                photos.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("refusing to replace " + photos).doesNotContain("embedding");
    assertThat(Files.readString(photos.resolve("holiday.jpg"))).isEqualTo("keep me");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void anEmptyCandidateFileIsRefused(@TempDir Path tmp) throws IOException {
    Path empty = tmp.resolve("empty.txt");
    Files.writeString(empty, "\n\n");

    CommandRun r =
        CommandRun.of(args("--candidates", empty.toString(), "--queries", queryFile.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains(empty + " holds no candidates (only 2 blank lines)");
  }

  @Test
  void blankLinesAreSkippedAndDuplicatesKeptAndReportedOnce(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("c.txt");
    Files.writeString(file, "Ada\n\nBob\nAda\n  \nAda\nCy\n");

    CommandRun r =
        CommandRun.of(
            "Ada\n", args("--candidates", file.toString(), "--k", "3").toArray(String[]::new));

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.allErr()).contains(file + ": skipped 2 blank lines");
    assertThat(r.allErr().lines().filter(l -> l.contains("more than once")))
        .containsExactly(
            file
                + ": 1 string occurs more than once (2 repeated lines), e.g. \"Ada\" on lines 1"
                + " and 4; each line is kept as its own candidate");
    assertThat(r.lines()).hasSize(4);
    assertThat(r.lines().subList(1, 4))
        .allMatch(l -> l.startsWith("Ada\t") && l.contains("\tAda\t"));
  }

  @Test
  void aCandidateOverTheLengthLimitIsAnErrorAtItsLine(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("c.txt");
    Files.writeString(file, "Ada\nBob\n" + "x".repeat(PairFiles.MAX_CODE_POINTS + 1) + "\n");

    CommandRun r =
        CommandRun.of(args("--candidates", file.toString(), "--queries", queryFile.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains("error: " + file + ":3: the line is longer than the limit");
  }

  @Test
  void aCandidateWithATabIsAnErrorAtItsLine(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("c.txt");
    Files.writeString(file, "Ada\nBob\tBob\n");

    CommandRun r =
        CommandRun.of(args("--candidates", file.toString(), "--queries", queryFile.toString()));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.allErr()).contains(file + ":2: the candidate contains a tab");
  }

  @Test
  void aKLargerThanTheCandidatesReturnsThemAll(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("c.txt");
    Files.writeString(file, "Ada\nBob\nCy\n");

    CommandRun r =
        CommandRun.of(
            "Ada\nBo\n", args("--candidates", file.toString(), "--k", "50").toArray(String[]::new));

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(byQuery(r).get("Ada")).containsExactlyInAnyOrder("Ada", "Bob", "Cy");
    assertThat(byQuery(r).get("Bo")).hasSize(3);
    assertThat(r.allErr()).contains("--k 50 is more than the 3 candidates");
  }

  @Test
  void aThresholdKeepsOnlyTheMatchesBelowIt() {
    CommandRun all =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--exact"));
    // The median distance of all rows: about half of them stay.
    List<Float> distances =
        all.lines().subList(1, all.lines().size()).stream()
            .map(l -> Float.parseFloat(l.split("\t")[3]))
            .sorted()
            .toList();
    float cut = distances.get(distances.size() / 2);

    CommandRun some =
        CommandRun.of(
            args(
                "--candidates",
                candidates.toString(),
                "--queries",
                queryFile.toString(),
                "--exact",
                "--threshold",
                Float.toString(cut)));

    List<String> expected =
        all.lines().stream()
            .filter(l -> l.equals(HEADER) || Float.parseFloat(l.split("\t")[3]) < cut)
            .toList();
    assertThat(some.lines()).isEqualTo(expected);
  }

  @Test
  void thresholdAutoUsesTheCalibratedThreshold(@TempDir Path tmp) throws IOException {
    Path calibrated = tmp.resolve("model");
    ModelExporter.export(
        calibrated,
        ModelMetadata.describing(ModelSpec.withUnits(8)).withThreshold(0.9, "best F1"),
        KerasInitializers.lstm(8, 1),
        staged -> {});
    ModelExporter.updateMetadata(
        calibrated,
        org.siameseangular.model.ModelFingerprint.of(calibrated),
        m ->
            m.withCalibration(
                new ModelMetadata.Calibration(
                    0.0, "precision", 0.9, 0.9, 0.1, 0.2, 400, 200, "x")));

    CommandRun r =
        CommandRun.of(
            "",
            "match",
            "--model",
            calibrated.toString(),
            "--candidates",
            candidates.toString(),
            "--queries",
            queryFile.toString(),
            "--threshold",
            "auto");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.allErr()).contains("threshold 0.0 (calibrated for precision >= 0.9");
    assertThat(r.stdout()).isEqualTo(HEADER + "\n");
  }

  @Test
  void theLinesBeforeABadQueryAreAnswered() {
    CommandRun r =
        CommandRun.of(
            "Ada\nBob\tBob\nCy\n",
            args("--candidates", candidates.toString(), "--k", "2").toArray(String[]::new));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().subList(1, 3)).allMatch(l -> l.startsWith("Ada\t"));
    assertThat(r.allErr()).contains("error: stdin:2: the query contains a tab");
  }

  @Test
  void aCsvColumnKeepsQuotedCommas(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("firms.csv");
    Files.writeString(file, "id,name\n1,\"Pied Piper, Inc.\"\n2,Hooli\n");

    CommandRun r =
        CommandRun.of(
            "Pied Piper\n",
            args("--candidates", file.toString(), "--column", "name", "--k", "2")
                .toArray(String[]::new));

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(byQuery(r).get("Pied Piper")).containsExactlyInAnyOrder("Pied Piper, Inc.", "Hooli");
  }

  @Test
  void aColumnForPlainFilesIsAUsageError() {
    CommandRun r = CommandRun.of(args("--candidates", candidates.toString(), "--column", "name"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--column applies to .csv and .tsv files");
  }

  @Test
  void neitherCandidatesNorAnIndexIsAUsageError() {
    CommandRun r = CommandRun.of(args());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--candidates FILE").contains("--index DIR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"match", "calibrate"})
  void helpDescribesTheCommand(String command) {
    CommandRun r = CommandRun.of("", command, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage:").contains(command).contains("--model");
  }

  @Test
  void aZeroKIsAUsageError() {
    CommandRun r = CommandRun.of(args("--candidates", candidates.toString(), "--k", "0"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.allErr()).contains("--k must be >= 1");
  }
}
