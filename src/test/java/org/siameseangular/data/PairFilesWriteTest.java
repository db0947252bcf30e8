package org.siameseangular.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFilesWriteTest {

  /** Strings that are awkward to store; none contains a tab or line break. */
  private static final List<Pair> TRICKY =
      List.of(
          new Pair("Smith, John", "say \"hi\"", 1),
          new Pair("\"", ",", 0),
          new Pair("emoji 😀👍🏽", "CJK ext. B 𠀋𠀌", 1),
          new Pair("e\u0301te\u0301", "\u00e9t\u00e9", 1), // combining acute vs precomposed
          new Pair(" padded ", "\uFEFFbom inside", 0),
          new Pair("back\\slash", "'single'", 0));

  @TempDir Path dir;

  @Test
  void csvRoundTripsTrickyStrings() {
    Path f = dir.resolve("out.csv");

    PairFiles.write(f, TRICKY);

    assertThat(PairFiles.read(f).pairs()).isEqualTo(TRICKY);
  }

  @Test
  void tsvRoundTripsTrickyStrings() {
    Path f = dir.resolve("out.tsv");

    PairFiles.write(f, TRICKY);

    assertThat(PairFiles.read(f).pairs()).isEqualTo(TRICKY);
  }

  @Test
  void csvRoundTripsLineBreaksAndTabs() {
    List<Pair> pairs =
        List.of(new Pair("two\nlines", "tab\there", 1), new Pair("cr\r\nlf", "x", 0));
    Path f = dir.resolve("out.csv");

    PairFiles.write(f, pairs);

    assertThat(PairFiles.read(f).pairs()).isEqualTo(pairs);
  }

  @Test
  void writesHeaderFirstWithLfAndQuotesOnlyWhenNeeded() throws IOException {
    Path f = dir.resolve("out.csv");

    PairFiles.write(f, List.of(new Pair("a,b", "c", 1), new Pair("d", "e\"f", 0)));

    assertThat(Files.readString(f, UTF_8))
        .isEqualTo("left,right,label\n\"a,b\",c,1\nd,\"e\"\"f\",0\n");
  }

  @Test
  void writesTsvHeader() throws IOException {
    Path f = dir.resolve("out.tsv");

    PairFiles.write(f, List.of(new Pair("a,b", "c\"", 1)));

    assertThat(Files.readString(f, UTF_8)).isEqualTo("left\tright\tlabel\na,b\tc\"\t1\n");
  }

  @Test
  void replacesExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path f = Files.writeString(dir.resolve("out.csv"), "old contents");

    PairFiles.write(f, List.of(new Pair("a", "b", 1)));

    assertThat(PairFiles.read(f).pairs()).containsExactly(new Pair("a", "b", 1));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void tsvRefusesTab() {
    Path f = dir.resolve("out.tsv");

    assertThatThrownBy(() -> PairFiles.write(f, List.of(new Pair("a\tb", "c", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tab or line break");
    assertThat(f).doesNotExist();
  }

  @Test
  void tsvRefusesNewline() {
    Path f = dir.resolve("out.tsv");

    assertThatThrownBy(() -> PairFiles.write(f, List.of(new Pair("a", "b\nc", 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesEmptyStringThatCouldNotBeReadBack() {
    Path f = dir.resolve("out.csv");

    assertThatThrownBy(() -> PairFiles.write(f, List.of(new Pair("a", "", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair 0: right string is empty");
  }

  @Test
  void refusesUnpairedSurrogate() {
    Path f = dir.resolve("out.csv");

    assertThatThrownBy(() -> PairFiles.write(f, List.of(new Pair("a\uD800", "b", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void unknownExtensionIsRefused() {
    assertThatThrownBy(() -> PairFiles.write(dir.resolve("out.xlsx"), List.of()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(".csv");
  }

  @Test
  void missingDirectoryIsReported() {
    Path f = dir.resolve("no/such/out.csv");

    assertThatThrownBy(() -> PairFiles.write(f, List.of()))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("cannot write pairs file " + f);
  }
}
