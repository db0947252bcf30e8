package org.siameseangular.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesCompactJsonInInsertionOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", List.of(1, 2.5, true));
    map.put("a", null);
    assertThat(Json.writeCompact(map)).isEqualTo("{\"b\":[1,2.5,true],\"a\":null}");
  }

  @Test
  void prettyPrintsWithTwoSpaceIndent() {
    assertThat(Json.write(Map.of("k", List.of(1))))
        .isEqualTo("{\n  \"k\": [\n    1\n  ]\n}");
    assertThat(Json.write(Map.of())).isEqualTo("{}");
  }

  @Test
  void writesNanAndInfinityAsNull() {
    assertThat(Json.writeCompact(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.25}))
        .isEqualTo("[null,null,0.25]");
    assertThat(Json.writeCompact(Float.NEGATIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.writeCompact("a\"b\\c\nd\te\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  void roundTripsNestedValuesWithUnicodeAndEscapes() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("text", "quote \" backslash \\ newline \n tab \t </script> 日本 😀 \u2028");
    inner.put("flag", false);
    inner.put("list", Arrays.asList(1.5, null, "x", List.of()));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("inner", inner);
    outer.put("count", 3.0);
    outer.put("ключ", -1.25e-9);

    assertThat(Json.parse(Json.write(outer))).isEqualTo(outer);
    assertThat(Json.parse(Json.writeCompact(outer))).isEqualTo(outer);
  }

  @Test
  void parsesIntegersAsDoublesAndNanAsNull() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", 3);
    map.put("nan", Double.NaN);
    Object parsed = Json.parse(Json.write(map));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("n", 3.0);
    expected.put("nan", null);
    assertThat(parsed).isEqualTo(expected);
  }

  @Test
  void parsesUnicodeEscapesIncludingSurrogatePairs() {
    assertThat(Json.parse("\"\\u00e9\\ud83d\\ude00\\/\"")).isEqualTo("é😀/");
  }

  @Test
  void parsesNumbersWithExponents() {
    assertThat(Json.parse(" [-0, 1E3, 2.5e-1] ")).isEqualTo(List.of(-0.0, 1000.0, 0.25));
  }

  @Test
  void reportsTheOffsetOfATrailingComma() {
    // {"a": 1,}  -- the '}' at offset 8 is where a key should start
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 8")
        .hasMessageContaining("expected '\"'");
  }

  @Test
  void reportsTheOffsetOfAnUnexpectedEnd() {
    assertThatThrownBy(() -> Json.parse("[1, 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "malformed JSON at character offset 5: expected ',' or ']' in array but found end of"
                + " input");
  }

  @Test
  void rejectsTrailingContent() {
    assertThatThrownBy(() -> Json.parse("true x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 5");
  }

  @Test
  void rejectsLeadingZerosAndBareWords() {
    assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("offset 1");
    assertThatThrownBy(() -> Json.parse("nul")).hasMessageContaining("offset 0");
  }

  @Test
  void rejectsValuesItCannotWrite() {
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
