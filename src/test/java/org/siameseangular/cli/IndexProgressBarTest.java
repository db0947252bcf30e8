package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.siameseangular.match.IndexProgress.Stage;

/** Progress of an index build on stderr, driven by a hand-moved clock. */
class IndexProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aStageUnderASecondPrintsNothing() {
    var bar = new IndexProgressBar(err, false, true, () -> now);

    bar.update(Stage.EMBEDDING, 0, 100);
    now += SECOND / 2;
    bar.update(Stage.EMBEDDING, 100, 100);

    assertThat(printed()).isEmpty();
  }

  @Test
  void offATerminalALongStageEndsWithOneLine() {
    var bar = new IndexProgressBar(err, false, false, () -> now);

    bar.update(Stage.LINKING, 0, 1_000_000);
    now += 2 * SECOND;
    bar.update(Stage.LINKING, 500_000, 1_000_000);
    now += 2 * SECOND;
    bar.update(Stage.LINKING, 1_000_000, 1_000_000);

    assertThat(printed()).isEqualTo("linking the HNSW graph: 1,000,000 in 4.0 s\n");
  }

  @Test
  void onATerminalABarIsRedrawnInPlaceAndKeptAsTheStagesLastLine() {
    var bar = new IndexProgressBar(err, false, true, () -> now);

    bar.update(Stage.EMBEDDING, 0, 10);
    now += 2 * SECOND;
    bar.update(Stage.EMBEDDING, 5, 10);
    now += 2 * SECOND;
    bar.update(Stage.EMBEDDING, 10, 10);

    assertThat(printed())
        .isEqualTo(
            "\rembedding candidates 5/10 [==============>...............] ETA 2 s "
                + "\rembedding candidates 10/10 [==============================] 4.0 s \n");
  }

  @Test
  void aNoteDuringABarStartsOnANewLine() {
    var bar = new IndexProgressBar(err, false, true, () -> now);
    bar.update(Stage.EMBEDDING, 0, 10);
    now += 2 * SECOND;
    bar.update(Stage.EMBEDDING, 5, 10);

    bar.note("something to say");

    assertThat(printed()).endsWith(" \nsomething to say\n");
  }

  @Test
  void quietPrintsOnlyNotes() {
    var bar = new IndexProgressBar(err, true, true, () -> now);
    bar.update(Stage.LINKING, 0, 10);
    now += 5 * SECOND;
    bar.update(Stage.LINKING, 10, 10);

    bar.note("index saved");

    assertThat(printed()).isEqualTo("index saved\n");
  }
}
