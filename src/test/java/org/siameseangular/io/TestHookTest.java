package org.siameseangular.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The test-only pause points: which points a variable lists, and how a pause reads its go-ahead.
 * (The pauses themselves are exercised by the kill and interrupt tests, in real processes.)
 */
class TestHookTest {
  @Test
  void anUnsetOrBlankVariableListsNoPoint() {
    assertThat(TestHook.parse(null)).isEmpty();
    assertThat(TestHook.parse(" ")).isEmpty();
  }

  @Test
  void theVariableIsACommaSeparatedListOfPoints() {
    assertThat(TestHook.parse("train.step.1.3, replace.staged,,stop.requested "))
        .containsExactlyInAnyOrder("train.step.1.3", "replace.staged", "stop.requested");
  }

  @Test
  void aPauseReadsExactlyOneLineAndLeavesTheNextForTheNextPause() {
    var in = new ByteArrayInputStream("go\nnext\n".getBytes(StandardCharsets.UTF_8));

    TestHook.awaitLine(in);

    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("next\n");
  }

  @Test
  void aPauseEndsWhenStdinEnds() {
    var in = new ByteArrayInputStream(new byte[0]);

    TestHook.awaitLine(in);

    assertThat(in.available()).isZero();
  }

  @Test
  void inThisJvmNoPointIsListedSoTheProductRunsWithoutPauses() {
    // Surefire's JVM does not set the variable: the hooks in the product code are inert here.
    assertThat(System.getenv(TestHook.VARIABLE)).isNull();
    assertThat(TestHook.active()).isFalse();
  }
}
