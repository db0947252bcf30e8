package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists of strings: lines of a file or stdin, or one column of a CSV or TSV table. */
class StringFilesTest {
  @TempDir Path tmp;

  private Path file(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void linesKeepTheirSpacesAndSkipAndCountBlankLines() throws IOException {
    Path f = file("names.txt", "\uFEFFAda Lovelace\r\n\n  \n Grace Hopper \nPied Piper, Inc.\n");

    StringFiles.StringList list = StringFiles.readAll(f, null);

    assertThat(list.texts()).containsExactly("Ada Lovelace", " Grace Hopper ", "Pied Piper, Inc.");
    assertThat(list.lines()).containsExactly(1, 4, 5);
    assertThat(list.blankSkipped()).isEqualTo(2);
  }

  @Test
  void aLastLineWithoutANewlineIsRead() throws IOException {
    assertThat(StringFiles.readAll(file("a.txt", "one\ntwo"), null).texts())
        .containsExactly("one", "two");
  }

  @Test
  void aCsvColumnKeepsQuotedCommasQuotesAndLineBreaks() throws IOException {
    Path f =
        file(
            "firms.csv",
            "id,name,city\n1,\"Pied Piper, Inc.\",Palo Alto\n2,\"Say \"\"hi\"\"\",x\n"
                + "3,,y\n4,\"two\nlines\",z\n");

    StringFiles.StringList list = StringFiles.readAll(f, "name");

    assertThat(list.texts()).containsExactly("Pied Piper, Inc.", "Say \"hi\"", "two\nlines");
    assertThat(list.lines()).containsExactly(2, 3, 5);
    assertThat(list.blankSkipped()).isEqualTo(1);
  }

  @Test
  void aTsvColumnIsReadWithoutQuoting() throws IOException {
    Path f = file("firms.tsv", "name\tcity\n\"Acme\"\tRome\n");

    assertThat(StringFiles.readAll(f, "name").texts()).containsExactly("\"Acme\"");
  }

  @Test
  void aMissingColumnListsTheColumnsThereAre() throws IOException {
    Path f = file("firms.csv", "id,Name\n1,Acme\n");

    assertThatThrownBy(() -> StringFiles.readAll(f, "name"))
        .isInstanceOf(DataException.class)
        .hasMessage(
            f
                + ":1: no column \"name\" in the header; its columns are \"id\", \"Name\""
                + " (column names are case-sensitive)");
  }

  @Test
  void aTableWithoutAColumnNameIsRefusedWithAHint() throws IOException {
    Path f = file("firms.csv", "name\nAcme\n");

    assertThatThrownBy(() -> StringFiles.readAll(f, null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("is a CSV table")
        .hasMessageContaining("--column NAME");
  }

  @Test
  void aRowWithAnotherNumberOfFieldsIsAnErrorAtItsLine() throws IOException {
    Path f = file("firms.csv", "id,name\n1,Acme\n2\n");

    assertThatThrownBy(() -> StringFiles.readAll(f, "name"))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ":3: expected 2 fields as in the header, found 1");
  }

  @Test
  void aLineOverTheLengthLimitIsAnErrorAtItsLine() throws IOException {
    Path f = file("long.txt", "ok\n" + "x".repeat(PairFiles.MAX_CODE_POINTS + 1) + "\n");

    assertThatThrownBy(() -> StringFiles.readAll(f, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(f + ":2: the line is longer than the limit of 100000 code points");
  }

  @Test
  void aLineAtTheLengthLimitInSupplementaryCodePointsIsRead() throws IOException {
    String emoji = "\uD83D\uDE00".repeat(PairFiles.MAX_CODE_POINTS);
    Path f = file("emoji.txt", emoji + "\n");

    assertThat(StringFiles.readAll(f, null).texts()).containsExactly(emoji);
  }

  @Test
  void aNulCharacterIsAnErrorAtItsLine() throws IOException {
    Path f = file("nul.txt", "a\nb\0c\n");

    assertThatThrownBy(() -> StringFiles.readAll(f, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(f + ":2: the string contains U+0000 at code point 2");
  }

  @Test
  void invalidUtf8IsAnErrorAtItsLine() throws IOException {
    Path f = tmp.resolve("latin1.txt");
    Files.write(f, new byte[] {'o', 'k', '\n', 'M', (byte) 0xFC, 'l', 'l', 'e', 'r', '\n'});

    assertThatThrownBy(() -> StringFiles.readAll(f, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(f + ":2: invalid UTF-8");
  }

  @Test
  void aMissingFileSaysSo() {
    Path f = tmp.resolve("nowhere.txt");

    assertThatThrownBy(() -> StringFiles.readAll(f, null))
        .isInstanceOf(DataException.class)
        .hasMessage("cannot read " + f + ": no such file");
  }

  @Test
  void errorsOnAStreamNameItAndTheLine() {
    var in = new ByteArrayInputStream("a\n\nb\0\n".getBytes(StandardCharsets.UTF_8));

    try (var source = StringFiles.lines(in, "stdin")) {
      assertThat(source.next()).isEqualTo(new StringFiles.Entry("a", 1));
      assertThatThrownBy(source::next)
          .isInstanceOf(DataException.class)
          .hasMessageStartingWith("stdin:3: the string contains U+0000");
    }
  }

  @Test
  void invalidUtf8OnAStreamNamesItAndTheLine() {
    var in = new ByteArrayInputStream(new byte[] {'a', '\n', (byte) 0xFF, '\n'});

    try (var source = StringFiles.lines(in, "stdin")) {
      assertThat(source.next().text()).isEqualTo("a");
      assertThatThrownBy(source::next)
          .isInstanceOf(DataException.class)
          .hasMessageStartingWith("stdin:2: invalid UTF-8");
    }
  }

  @Test
  void aStreamGivesEachLineAsSoonAsItHasArrived() {
    // A stream that fails if it is read past its first line: next() must not wait for more input.
    InputStream firstLineOnly =
        new InputStream() {
          private final byte[] first = "first query\n".getBytes(StandardCharsets.UTF_8);
          private boolean given;

          @Override
          public int read() {
            throw new AssertionError("single-byte reads are not expected");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (given) {
              throw new AssertionError("read past the first line before answering it");
            }
            given = true;
            System.arraycopy(first, 0, b, off, first.length);
            return first.length;
          }
        };

    try (var source = StringFiles.lines(firstLineOnly, "stdin")) {
      assertThat(source.next()).isEqualTo(new StringFiles.Entry("first query", 1));
    }
  }

  @Test
  void aSourceReadsToTheEndOnce() {
    var in = new ByteArrayInputStream("x\ny\n".getBytes(StandardCharsets.UTF_8));
    var seen = new ArrayList<String>();
    try (var source = StringFiles.lines(in, "stdin")) {
      for (var e = source.next(); e != null; e = source.next()) {
        seen.add(e.text());
      }
      assertThat(source.next()).isNull();
    }
    assertThat(seen).isEqualTo(List.of("x", "y"));
  }
}
