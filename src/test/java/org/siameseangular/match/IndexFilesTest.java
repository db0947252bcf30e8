package org.siameseangular.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.model.SimilarityModel;

/**
 * Saving and loading: the same answers after a round trip, and clear refusals of what cannot be
 * used.
 */
class IndexFilesTest {
  private static final int UNITS = 8;

  @TempDir static Path models;
  private static SimilarityModel model;
  private static SimilarityModel otherModel;
  private static List<String> names;
  private static List<String> queries;
  private static HnswIndex hnsw;
  private static ExactIndex exact;

  @BeforeAll
  static void build() throws Exception {
    model = TestModels.exportAndLoad(models.resolve("a"), UNITS, 1);
    otherModel = TestModels.exportAndLoad(models.resolve("b"), UNITS, 2);
    names = new java.util.ArrayList<>(Names.distinct(1500, 3));
    names.add(names.get(10));
    var random = new SplittableRandom(4);
    queries =
        Stream.generate(() -> Names.noisy(names.get(random.nextInt(names.size())), random))
            .limit(60)
            .toList();
    hnsw = HnswIndex.build(model, names, new HnswSettings(8, 40, 20), IndexProgress.NONE);
    exact = hnsw.exact();
  }

  @AfterAll
  static void close() {
    model.close();
    otherModel.close();
  }

  @Test
  void anHnswIndexAnswersTheSameAfterSaveAndLoad(@TempDir Path tmp) throws IOException {
    hnsw.save(tmp.resolve("index"));

    CandidateIndex loaded = CandidateIndex.load(tmp.resolve("index"), model);

    assertThat(loaded).isInstanceOf(HnswIndex.class);
    assertThat(((HnswIndex) loaded).settings()).isEqualTo(hnsw.settings());
    assertThat(loaded.topK(queries, 10)).isEqualTo(hnsw.topK(queries, 10));
    assertThat(loaded.size()).isEqualTo(names.size());
    assertThat(loaded.candidate(names.size() - 1)).isEqualTo(names.get(10));
  }

  @Test
  void anExactIndexAnswersTheSameAfterSaveAndLoad(@TempDir Path tmp) throws IOException {
    exact.save(tmp.resolve("index"));

    CandidateIndex loaded = CandidateIndex.load(tmp.resolve("index"), model);

    assertThat(loaded).isInstanceOf(ExactIndex.class);
    assertThat(loaded.topK(queries, 10)).isEqualTo(exact.topK(queries, 10));
  }

  @Test
  void anIndexBuiltWithAnotherModelIsRefused(@TempDir Path tmp) throws IOException {
    hnsw.save(tmp.resolve("index"));

    assertThatThrownBy(() -> CandidateIndex.load(tmp.resolve("index"), otherModel))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("was built with another model")
        .hasMessageContaining(model.fingerprint())
        .hasMessageContaining(otherModel.fingerprint());
  }

  @Test
  void aTruncatedFileIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    hnsw.save(index);
    Path vectors = index.resolve("vectors.f32");
    try (var f = new RandomAccessFile(vectors.toFile(), "rw")) {
      f.setLength(f.length() - 6);
    }
    Map<String, String> before = snapshot(tmp);

    assertThatThrownBy(() -> CandidateIndex.load(index, model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("vectors.f32 is truncated")
        .hasMessageContaining("rebuild the index");
    assertThat(snapshot(tmp)).isEqualTo(before);
  }

  @Test
  void aFileWithAChangedByteFailsItsChecksum(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    hnsw.save(index);
    try (var f = new RandomAccessFile(index.resolve("graph.i32").toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x10);
    }

    assertThatThrownBy(() -> CandidateIndex.load(index, model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("graph.i32 is damaged");
  }

  @Test
  void aDirectoryWithoutAManifestIsNotAnIndex(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("d"));

    assertThatThrownBy(() -> CandidateIndex.load(tmp.resolve("d"), model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("index.json is missing");
    assertThatThrownBy(() -> CandidateIndex.load(tmp.resolve("absent"), model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aManifestThatIsNotJsonIsRefused(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    exact.save(index);
    Files.writeString(
        index.resolve("index.json"),
        "{\"format\": \"siamese-angular-index\", ",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> CandidateIndex.load(index, model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("index.json is damaged")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void theManifestListsItsKeysInAFixedOrder(@TempDir Path tmp) throws IOException {
    hnsw.save(tmp.resolve("index"));

    String json = Files.readString(tmp.resolve("index").resolve("index.json"));

    List<String> keys =
        List.of(
            "\"format\"",
            "\"formatVersion\"",
            "\"kind\"",
            "\"modelFingerprint\"",
            "\"clipEpsilon\"",
            "\"dimensions\"",
            "\"candidates\"",
            "\"distinct\"",
            "\"hnsw\"",
            "\"files\"");
    assertThat(keys.stream().map(key -> json.indexOf(key + ":")).toList())
        .isSorted()
        .doesNotContain(-1);
  }

  @Test
  void aManifestMissingAKeyNamesIt(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    exact.save(index);
    Path manifest = index.resolve("index.json");
    Files.writeString(
        manifest, Files.readString(manifest).replaceFirst("\"dimensions\"", "\"dimension\""));

    assertThatThrownBy(() -> CandidateIndex.load(index, model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("index.json is damaged")
        .hasMessageContaining("\"dimensions\" is missing");
  }

  @Test
  void aManifestWithAValueOfTheWrongTypeNamesTheKey(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    exact.save(index);
    Path manifest = index.resolve("index.json");
    Files.writeString(
        manifest,
        Files.readString(manifest).replaceFirst("\"candidates\": \\d+", "\"candidates\": []"));

    assertThatThrownBy(() -> CandidateIndex.load(index, model))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("index.json is damaged")
        .hasMessageContaining("candidates");
  }

  @Test
  void savingOverADirectoryThatIsNotAnIndexIsRefusedAndLeavesItAlone(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("photos");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("holiday.txt"), "keep me", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> exact.save(dir))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("refusing to replace");
    assertThat(Files.readString(dir.resolve("holiday.txt"), StandardCharsets.UTF_8))
        .isEqualTo("keep me");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings).containsExactly(dir);
    }
  }

  @Test
  void savingOverAnIndexReplacesItWholeAndLeavesNoStagingBehind(@TempDir Path tmp)
      throws IOException {
    Path index = tmp.resolve("index");
    hnsw.save(index);
    exact.save(index);

    assertThat(CandidateIndex.load(index, model)).isInstanceOf(ExactIndex.class);
    assertThat(index.resolve("graph.i32")).doesNotExist();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings).containsExactly(index);
    }
  }

  /** Every file under {@code root} with its bytes (in hex). */
  private static Map<String, String> snapshot(Path root) throws IOException {
    var out = new TreeMap<String, String>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(p).toString(),
            java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    }
    return out;
  }
}
