package org.siameseangular.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFilesReadTest {

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.write(dir.resolve(name), content.getBytes(UTF_8));
  }

  private DataException readError(Path file) {
    return catchThrowableOfType(DataException.class, () -> PairFiles.read(file));
  }

  @Test
  void readsSimpleCsv() throws IOException {
    Path f = file("pairs.csv", "left,right,label\nabc,abd,1\nfoo,bar,0\n");

    PairData data = PairFiles.read(f);

    assertThat(data.pairs()).containsExactly(new Pair("abc", "abd", 1), new Pair("foo", "bar", 0));
    assertThat(data.source()).isEqualTo(f);
    assertThat(data.blankLinesSkipped()).isZero();
  }

  @Test
  void readsTsvAndTxtAsTabSeparated() throws IOException {
    String content = "left\tright\tlabel\na,b\t\"c\t1\n";

    assertThat(PairFiles.read(file("p.tsv", content)).pairs())
        .containsExactly(new Pair("a,b", "\"c", 1));
    assertThat(PairFiles.read(file("p.txt", content)).pairs())
        .containsExactly(new Pair("a,b", "\"c", 1));
  }

  @Test
  void headerOnlyGivesNoPairs() throws IOException {
    assertThat(PairFiles.read(file("p.csv", "left,right,label\n")).pairs()).isEmpty();
  }

  @Test
  void acceptsHeaderWithSurroundingWhitespaceAndNoFinalNewline() throws IOException {
    Path f = file("p.csv", "  left , right,label \nx,y,0");

    assertThat(PairFiles.read(f).pairs()).containsExactly(new Pair("x", "y", 0));
  }

  @Test
  void stripsByteOrderMark() throws IOException {
    Path f = file("p.csv", "\uFEFFleft,right,label\nx,y,1\n");

    assertThat(PairFiles.read(f).pairs()).containsExactly(new Pair("x", "y", 1));
  }

  @Test
  void acceptsCrlfLineEndings() throws IOException {
    Path f = file("p.csv", "left,right,label\r\nx,y,1\r\n\"q\",z,0\r\n");

    assertThat(PairFiles.read(f).pairs())
        .containsExactly(new Pair("x", "y", 1), new Pair("q", "z", 0));
  }

  @Test
  void acceptsCrlfInTsv() throws IOException {
    Path f = file("p.tsv", "left\tright\tlabel\r\nx\ty\t1\r\n");

    assertThat(PairFiles.read(f).pairs()).containsExactly(new Pair("x", "y", 1));
  }

  @Test
  void skipsAndCountsBlankLines() throws IOException {
    Path f = file("p.csv", "\nleft,right,label\n\nx,y,1\n   \r\n\nz,w,0\n\n");

    PairData data = PairFiles.read(f);

    assertThat(data.pairs()).hasSize(2);
    assertThat(data.blankLinesSkipped()).isEqualTo(5);
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndNewlines() throws IOException {
    Path f = file("p.csv", "left,right,label\n\"a,b\",\"say \"\"hi\"\"\",1\n\"two\nlines\",x,0\n");

    assertThat(PairFiles.read(f).pairs())
        .containsExactly(new Pair("a,b", "say \"hi\"", 1), new Pair("two\nlines", "x", 0));
  }

  @Test
  void errorLineIsWhereTheRecordStarts() throws IOException {
    Path f = file("pairs.csv", "left,right,label\n\"multi\nline\nfield\",x,2\n");

    DataException e = readError(f);

    assertThat(e.line()).isEqualTo(2);
    assertThat(e).hasMessage(f + ":2: label must be 0 or 1, found \"2\"");
  }

  @Test
  void badLabelIsReported() throws IOException {
    Path f = file("pairs.csv", "left,right,label\na,b,1\na,b,yes\n");

    DataException e = readError(f);

    assertThat(e).hasMessage(f + ":3: label must be 0 or 1, found \"yes\"");
    assertThat(e.file()).isEqualTo(f);
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void labelWithSpacesIsNotExactlyZeroOrOne() throws IOException {
    Path f = file("pairs.csv", "left,right,label\na,b, 1\n");

    assertThat(readError(f)).hasMessage(f + ":2: label must be 0 or 1, found \" 1\"");
  }

  @Test
  void misspelledHeaderNamesFoundAndExpected() throws IOException {
    Path f = file("pairs.csv", "lft,right,label\na,b,1\n");

    assertThat(readError(f))
        .hasMessage(f + ":1: expected header \"left,right,label\", found \"lft,right,label\"");
  }

  @Test
  void headerIsCaseSensitive() throws IOException {
    Path f = file("pairs.csv", "Left,Right,Label\n");

    assertThat(readError(f))
        .hasMessageStartingWith(f + ":1:")
        .hasMessageContaining("case-sensitive");
  }

  @Test
  void missingHeaderSaysTheFirstLineLooksLikeData() throws IOException {
    Path f = file("pairs.csv", "abc,abd,1\n");

    assertThat(readError(f))
        .hasMessage(
            f
                + ":1: expected header \"left,right,label\", found \"abc,abd,1\""
                + " (the first line looks like data; add the header line before it)");
  }

  @Test
  void tsvHeaderMessageShowsTabs() throws IOException {
    Path f = file("pairs.tsv", "left,right,label\n");

    assertThat(readError(f))
        .hasMessage(
            f
                + ":1: expected header \"left\\tright\\tlabel\", found \"left,right,label\""
                + " (the line has commas; comma-separated files must be named .csv)");
  }

  @Test
  void wrongColumnCountIsReported() throws IOException {
    Path f = file("pairs.csv", "left,right,label\na,b,1\na,b,c,1\n");

    assertThat(readError(f)).hasMessage(f + ":3: expected 3 columns (left, right, label), found 4");
  }

  @Test
  void tooFewColumnsIsReported() throws IOException {
    Path f = file("pairs.csv", "left,right,label\n\nab\n");

    assertThat(readError(f)).hasMessage(f + ":3: expected 3 columns (left, right, label), found 1");
  }

  @Test
  void unbalancedQuoteReportsWhereTheQuoteOpens() throws IOException {
    Path f = file("pairs.csv", "left,right,label\na,b,1\nc,\"d,0\ne,f,1\n");

    DataException e = readError(f);

    assertThat(e.line()).isEqualTo(3);
    assertThat(e).hasMessageStartingWith(f + ":3: unbalanced quote");
  }

  @Test
  void unbalancedQuoteOnContinuationLineReportsItsOwnLine() throws IOException {
    Path f = file("pairs.csv", "left,right,label\n\"a\nb\",\"c\n");

    assertThat(readError(f).line()).isEqualTo(3);
  }

  @Test
  void strayQuoteInUnquotedFieldIsRejected() throws IOException {
    Path f = file("pairs.csv", "left,right,label\nab\"c,d,1\n");

    assertThat(readError(f)).hasMessageStartingWith(f + ":2: stray quote in unquoted left");
  }

  @Test
  void textAfterClosingQuoteIsRejected() throws IOException {
    Path f = file("pairs.csv", "left,right,label\n\"ab\"c,d,1\n");

    assertThat(readError(f))
        .hasMessageStartingWith(f + ":2: unexpected character 'c' after the closing quote of left");
  }

  @Test
  void emptyStringIsRejected() throws IOException {
    Path f = file("pairs.csv", "left,right,label\nabc,,1\n");

    assertThat(readError(f))
        .hasMessage(f + ":2: right string is empty; empty strings are not valid in pairs files");
  }

  @Test
  void emptyQuotedStringIsRejected() throws IOException {
    Path f = file("pairs.csv", "left,right,label\n\"\",abc,1\n");

    assertThat(readError(f)).hasMessageStartingWith(f + ":2: left string is empty");
  }

  @Test
  void nulCharacterIsRejected() throws IOException {
    Path f = file("pairs.csv", "left,right,label\nab\0c,abc,1\n");

    assertThat(readError(f))
        .hasMessage(
            f
                + ":2: left string contains U+0000 at code point 3;"
                + " U+0000 is reserved as the model's padding value");
  }

  @Test
  void invalidUtf8ReportsTheLineOfTheBadByte() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("left,right,label\nabc,abd,1\n\"x\ny".getBytes(UTF_8));
    bytes.write(0xC3); // lead byte of a 2-byte sequence ...
    bytes.write('z'); // ... not followed by a continuation byte
    bytes.write("\",q,0\n".getBytes(UTF_8));
    Path f = Files.write(dir.resolve("pairs.csv"), bytes.toByteArray());

    DataException e = readError(f);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e)
        .hasMessage(f + ":4: invalid UTF-8: byte 0xC3 not valid in UTF-8; save the file as UTF-8");
  }

  @Test
  void latin1FileIsRejectedAsInvalidUtf8() throws IOException {
    String text = "left\tright\tlabel\nM\u00fcller\tmuller\t1\n";
    Path f = Files.write(dir.resolve("pairs.tsv"), text.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(readError(f)).hasMessageStartingWith(f + ":2: invalid UTF-8");
  }

  @Test
  void truncatedUtf8AtEndOfFileIsRejected() throws IOException {
    byte[] text = "left,right,label\nab,cd,1\n\u00e9".getBytes(UTF_8);
    byte[] cut = java.util.Arrays.copyOf(text, text.length - 1);
    Path f = Files.write(dir.resolve("pairs.csv"), cut);

    assertThat(readError(f).line()).isEqualTo(3);
  }

  @Test
  void tenMegabyteLineGivesTheLengthLimitError() throws IOException {
    Path f = dir.resolve("pairs.csv");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write("left,right,label\n".getBytes(UTF_8));
      out.write("a".repeat(10_000_000).getBytes(UTF_8));
      out.write(",b,1\n".getBytes(UTF_8));
    }

    assertThat(readError(f))
        .hasMessage(
            f + ":2: left is longer than the limit of 100000 code points (MAX_CODE_POINTS)");
  }

  @Test
  void stringOfExactlyTheLimitIsAccepted() throws IOException {
    String longest = "\uD840\uDC0B".repeat(PairFiles.MAX_CODE_POINTS); // 𠀋, two chars each
    Path f = file("p.csv", "left,right,label\n" + longest + ",b,1\n");

    assertThat(PairFiles.read(f).pairs().get(0).left()).isEqualTo(longest);
  }

  @Test
  void unknownExtensionListsSupportedOnes() throws IOException {
    Path f = file("pairs.json", "left,right,label\n");

    assertThat(readError(f))
        .hasMessage(
            "unsupported pairs file "
                + f
                + ": the extension must be .csv (comma-separated) or .tsv or .txt"
                + " (tab-separated)");
  }

  @Test
  void missingFileIsReported() {
    Path f = dir.resolve("nope.csv");

    DataException e = readError(f);

    assertThat(e).hasMessage("cannot read pairs file " + f + ": no such file");
    assertThat(e.line()).isZero();
  }

  @Test
  void directoryIsReported() throws IOException {
    Path f = Files.createDirectory(dir.resolve("d.csv"));

    assertThat(readError(f)).hasMessage("cannot read pairs file " + f + ": it is a directory");
  }

  @Test
  void emptyFileIsReported() throws IOException {
    Path f = file("pairs.csv", "");

    assertThatThrownBy(() -> PairFiles.read(f))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "pairs file "
                + f
                + " is empty; its first line must be the header \"left,right,label\"");
  }

  @Test
  void fileOfBlankLinesIsEmpty() throws IOException {
    Path f = file("pairs.csv", "\n\r\n  \n");

    assertThat(readError(f)).hasMessageContaining("is empty");
  }
}
