package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.siameseangular.cli.CliRunner.run;
import static org.siameseangular.cli.CliRunner.runWithStdin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.CliRunner.Run;
import org.siameseangular.data.DefaultDataset;
import org.siameseangular.data.Pair;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;

/** {@code score}: positional strings, and stdin read line by line in batches cut by line count. */
class ScoreStdinTest {
  @TempDir static Path shared;
  private static Path model;
  private static SimilarityModel loaded;

  /**
   * Untrained, but with 16 units: enough rows per matrix product that batching shows in the bits.
   */
  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(16), KerasInitializers.lstm(16, 7));
    loaded = SimilarityModel.load(model);
  }

  @AfterAll
  static void close() {
    loaded.close();
  }

  private static Run score(String stdin, String... extra) {
    return runWithStdin(stdin, args(extra));
  }

  private static String[] args(String... extra) {
    String[] a = new String[2 + extra.length];
    a[0] = "score";
    a[1] = "--model=" + model;
    System.arraycopy(extra, 0, a, 2, extra.length);
    return a;
  }

  private static String lines(int n) {
    var text = new StringBuilder();
    List<Pair> pairs = DefaultDataset.defaultPairs();
    for (int i = 0; i < n; i++) {
      text.append(pairs.get(i).left()).append('\t').append(pairs.get(i).right()).append('\n');
    }
    return text.toString();
  }

  @Test
  void moreThanTwoStringsIsAUsageErrorThatSaysToQuoteThem() {
    Run r = run(args("John", "Smith", "Jon", "Smith"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("found 4").contains("Quote each string that holds spaces");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void distancesArePlainDecimalsThatReadBackAsTheModelsFloat() {
    Run r = run(args("same", "same"));

    assertThat(r.exit()).as(r.allErr()).isZero();
    String printed = r.stdout().strip();
    assertThat(printed).doesNotContainIgnoringCase("e").startsWith("0.000");
    assertThat(Float.parseFloat(printed)).isEqualTo(loaded.distance("same", "same"));
  }

  @Test
  void resultsOfTheLinesBeforeABadLineAreWrittenAndTheErrorNamesTheLine() {
    Run r = score(lines(3) + "no tab here\n" + lines(2));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout().split("\n", -1)).hasSize(4); // three results and the final newline
    assertThat(r.allErr()).contains("stdin, line 4: ").contains("no tab").doesNotContain("at org.");
  }

  @Test
  void anOverLongLineAfterSixHundredGoodOnesKeepsTheirResultsAndIsNamed() {
    String huge = "x".repeat(100_001);
    Run r = score(lines(610) + huge + "\tshort\n");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout().split("\n")).hasSize(610);
    assertThat(r.allErr())
        .contains("stdin, line 611: left string is longer than the limit of 100000 code points")
        .doesNotContain("at org.");
  }

  @Test
  void blankLinesAndLinesWithAnEmptyStringGiveEmptyOutputLinesSoOutputStaysAligned() {
    Run withGaps = score("colour\tcolor\n\nabc\txyz\n   \n\tright\nleft\t\n");
    Run without = score("colour\tcolor\nabc\txyz\n");

    assertThat(withGaps.exit()).as(withGaps.allErr()).isZero();
    String[] out = withGaps.stdout().split("\n", -1);
    String[] expected = without.stdout().split("\n", -1);
    assertThat(out).containsExactly(expected[0], "", expected[1], "", "", "", "");
  }

  @Test
  void aByteOrderMarkIsNotScoredAsACharacter() {
    Run withBom = score("\uFEFFcolour\tcolor\nabc\txyz\n");
    Run without = score("colour\tcolor\nabc\txyz\n");

    assertThat(withBom.exit()).as(withBom.allErr()).isZero();
    assertThat(withBom.stdout()).isEqualTo(without.stdout());
  }

  @Test
  void crlfLineEndsScoreAsLf() {
    assertThat(score("colour\tcolor\r\nabc\txyz\r\n").stdout())
        .isEqualTo(score("colour\tcolor\nabc\txyz\n").stdout());
  }

  @Test
  void invalidUtf8NamesTheLineAndTheByte() {
    var input = new ByteArrayOutputStream();
    input.writeBytes("ok\tfine\nbad\t".getBytes(StandardCharsets.UTF_8));
    input.write(0xE9); // a Latin-1 é: a UTF-8 lead byte without its continuation byte
    input.write('\n');

    Run r = CliRunner.run(new ByteArrayInputStream(input.toByteArray()), args());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout().split("\n")).hasSize(1);
    assertThat(r.allErr())
        .contains("stdin, line 2: invalid UTF-8: byte 0xE9 at byte 5 of the line");
  }

  @Test
  void anAbbreviatedLineInAMessageNeverSplitsASurrogatePair() {
    Run r = score("\ud83d\ude00".repeat(100) + "\n");

    assertThat(r.exit()).isEqualTo(1);
    String message = r.allErr();
    assertThat(message).contains("\ud83d\ude00".repeat(60) + "...");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(Character.isLowSurrogate(message.charAt(i + 1))).as("at %d", i).isTrue();
        i++;
      } else {
        assertThat(Character.isSurrogate(c)).as("lone surrogate at %d", i).isFalse();
      }
    }
  }

  /** Hands out at most a few bytes per read and never claims more are ready: a slow pipe. */
  private static final class SlowStream extends InputStream {
    private final byte[] bytes;
    private int position;
    private int turn;

    SlowStream(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + (turn++ % 37)), bytes.length - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return 0;
    }
  }

  @Test
  void outputIsTheSameBytesWhetherTheInputArrivesAtOnceOrInSlowChunks() {
    byte[] input = lines(2500).getBytes(StandardCharsets.UTF_8);

    Run atOnce = CliRunner.run(new ByteArrayInputStream(input), args());
    Run slowly = CliRunner.run(new SlowStream(input), args());

    assertThat(atOnce.exit()).as(atOnce.allErr()).isZero();
    assertThat(slowly.exit()).as(slowly.allErr()).isZero();
    assertThat(atOnce.stdout().split("\n")).hasSize(2500);
    assertThat(slowly.stdout()).isEqualTo(atOnce.stdout());
  }

  @Test
  void lineBufferedScoresEachLineAsTheTwoStringFormDoes() {
    String input = lines(40);
    Run buffered = runWithStdin(input, args("--line-buffered"));

    assertThat(buffered.exit()).as(buffered.allErr()).isZero();
    String[] out = buffered.stdout().split("\n");
    String[] in = input.split("\n");
    assertThat(out).hasSize(40);
    for (int i = 0; i < in.length; i++) {
      String[] pair = in[i].split("\t");
      assertThat(out[i]).as(in[i]).isEqualTo(run(args(pair[0], pair[1])).stdout().strip());
    }
  }

  /** Counts output lines and releases a waiter at each one. */
  private static final class LineSignal extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch firstLine = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      if (b == '\n') {
        firstLine.countDown();
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void lineBufferedAnswersALineBeforeTheNextOneIsWritten() throws Exception {
    var typed = new PipedOutputStream();
    var stdin = new PipedInputStream(typed);
    var stdout = new LineSignal();
    CompletableFuture<Run> running =
        CompletableFuture.supplyAsync(() -> CliRunner.run(stdin, stdout, args("--line-buffered")));

    typed.write("colour\tcolor\n".getBytes(StandardCharsets.UTF_8));
    typed.flush();
    boolean answered = stdout.firstLine.await(2, TimeUnit.MINUTES);
    String first = stdout.text();
    typed.write("abc\txyz\n".getBytes(StandardCharsets.UTF_8));
    typed.close();
    Run r = running.get(2, TimeUnit.MINUTES);

    assertThat(answered).as("the first line was answered while stdin was still open").isTrue();
    assertThat(first.split("\n")).hasSize(1);
    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(stdout.text().split("\n")).hasSize(2);
  }
}
