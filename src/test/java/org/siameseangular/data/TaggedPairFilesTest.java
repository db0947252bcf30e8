package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggedPairFilesTest {

  @TempDir Path dir;

  private static final List<TaggedPair> PAIRS =
      List.of(
          new TaggedPair("Müller, Anna", "Anna Müller", 1, "word-order", Script.LATIN),
          new TaggedPair(
              "ООО \"Ромашка\"", "ООО «Ромашка»", 1, "spacing-punctuation", Script.CYRILLIC),
          new TaggedPair("王伟", "李娜", 0, "deletion", Script.HAN));

  @Test
  void writesCsvWithKindAndScriptColumns() throws IOException {
    Path file = dir.resolve("pairs.csv");

    TaggedPairFiles.write(file, PAIRS);

    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(
            "left,right,label,kind,script",
            "\"Müller, Anna\",Anna Müller,1,word-order,latin",
            "\"ООО \"\"Ромашка\"\"\",ООО «Ромашка»,1,spacing-punctuation,cyrillic",
            "王伟,李娜,0,deletion,han");
  }

  @Test
  void writesTsv() throws IOException {
    Path file = dir.resolve("pairs.tsv");

    TaggedPairFiles.write(file, PAIRS.subList(2, 3));

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo("left\tright\tlabel\tkind\tscript\n王伟\t李娜\t0\tdeletion\than\n");
  }

  @Test
  void tabInTsvIsRejectedAndNothingIsWritten() {
    Path file = dir.resolve("pairs.tsv");
    List<TaggedPair> bad = List.of(new TaggedPair("a\tb", "c", 1, "case", Script.LATIN));

    assertThatThrownBy(() -> TaggedPairFiles.write(file, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair 0");
    assertThat(file).doesNotExist();
  }

  @Test
  void unsupportedExtensionIsADataException() {
    assertThatThrownBy(() -> TaggedPairFiles.write(dir.resolve("pairs.json"), PAIRS))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(".csv");
  }

  @Test
  void theHeldOutSetWritesAsCsv() throws IOException {
    Path file = dir.resolve("held-out.csv");
    List<TaggedPair> heldOut = GeneratedSets.heldOut();

    TaggedPairFiles.write(file, heldOut);

    // The first three columns are a valid pairs file once the extra columns are cut off: every
    // string is readable back. Counting records is enough here: a quoting error would shift them.
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(heldOut.size() + 1);
  }
}
