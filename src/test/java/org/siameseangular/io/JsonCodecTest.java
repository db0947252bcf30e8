package org.siameseangular.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonCodecTest {
  record Scores(String name, double auc, float loss, long seed, List<Double> values) {}

  record Nested(Scores scores, int[] counts) {}

  @Test
  void writesCompactJsonInInsertionOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", List.of(1, 2.5, true));
    map.put("a", null);
    assertThat(JsonCodec.writeCompact(map)).isEqualTo("{\"b\":[1,2.5,true],\"a\":null}");
  }

  @Test
  void prettyPrintsWithTwoSpaceIndent() {
    assertThat(JsonCodec.write(Map.of("k", List.of(1)))).isEqualTo("{\n  \"k\": [\n    1\n  ]\n}");
    assertThat(JsonCodec.write(Map.of())).isEqualTo("{}");
  }

  @Test
  void writesRecordComponentsAsCamelCaseKeysInDeclarationOrder() {
    var s = new Scores("run", 0.5, 0.25f, 7, List.of(1.0));
    assertThat(JsonCodec.writeCompact(s))
        .isEqualTo("{\"name\":\"run\",\"auc\":0.5,\"loss\":0.25,\"seed\":7,\"values\":[1.0]}");
  }

  @Test
  void writesNanAndInfinityAsNull() {
    var s =
        new Scores(
            "x", Double.NaN, Float.NEGATIVE_INFINITY, 1, List.of(Double.POSITIVE_INFINITY, 0.25));
    assertThat(JsonCodec.writeCompact(s))
        .isEqualTo("{\"name\":\"x\",\"auc\":null,\"loss\":null,\"seed\":1,\"values\":[null,0.25]}");
  }

  @Test
  void readsNullAsNanIntoDoublesAndFloats() {
    Scores s =
        JsonCodec.read("{\"name\":\"x\",\"auc\":null,\"loss\":null,\"seed\":1}", Scores.class);
    assertThat(s.auc()).isNaN();
    assertThat(s.loss()).isNaN();
  }

  @Test
  void longsAreNumbersAndRoundTripExactly() {
    var s = new Scores("x", 1, 1, Long.MIN_VALUE + 1, List.of());
    assertThat(JsonCodec.writeCompact(s)).contains("\"seed\":" + (Long.MIN_VALUE + 1));
    assertThat(JsonCodec.read(JsonCodec.writeCompact(s), Scores.class)).isEqualTo(s);
  }

  @Test
  void floatsAndDoublesRoundTripBitForBit() {
    var s = new Scores("x", 0.1 + 0.2, 1e-6f, 0, List.of(Math.PI, -1.25e-9, Double.MIN_VALUE));
    assertThat(JsonCodec.read(JsonCodec.write(s), Scores.class)).isEqualTo(s);
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonCodec.writeCompact("a\"b\\c\nd\te\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  void roundTripsTextWithUnicodeAndEscapes() {
    var text = "quote \" backslash \\ newline \n tab \t </script> 日本 😀 \u2028";
    var nested = new Nested(new Scores(text, -1.25e-9, 3f, 3, List.of()), new int[] {1, 2});
    Nested back = JsonCodec.read(JsonCodec.write(nested), Nested.class);
    assertThat(back.scores()).isEqualTo(nested.scores());
    assertThat(back.counts()).containsExactly(1, 2);
  }

  @Test
  void reportsLineAndColumnOfMalformedJson() {
    assertThatThrownBy(() -> JsonCodec.read("{\"name\": \"x\",\n}", Scores.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed JSON at line 2, column 1:");
  }

  @Test
  void namesThePathOfAValueOfTheWrongType() {
    assertThatThrownBy(() -> JsonCodec.read("{\"scores\":{\"auc\":\"high\"}}", Nested.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scores.auc: ");
  }

  @Test
  void rejectsTrailingContentAndLeadingZeros() {
    assertThatThrownBy(() -> JsonCodec.read("{} x", Map.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonCodec.read("[01]", List.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void writesFilesAtomicallyWithATrailingNewline(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/metrics.json");
    var s = new Scores("run \"1\"", 0.875, 1, 2, List.of());
    JsonCodec.writeFile(file, s);
    assertThat(Files.readString(file)).endsWith("}\n");
    assertThat(JsonCodec.read(file, Scores.class)).isEqualTo(s);
    assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void prefixesAFileErrorWithTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), "{");
    assertThatThrownBy(() -> JsonCodec.read(file, Scores.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": malformed JSON at line 1");
  }
}
