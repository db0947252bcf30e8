package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The resume hint prints the command as the user typed it. */
class InvocationTest {
  private static final String MAIN = "org.siameseangular.cli.Main";

  @Test
  void aJarRunIsShownAsJavaDashJarWithThePathAsTyped() {
    assertThat(Invocation.launcher("dist/sa.jar train --out m", "dist/sa.jar", MAIN))
        .isEqualTo("java -jar dist/sa.jar");
  }

  @Test
  void aClassPathRunIsShownWithItsClassPathAndMainClass() {
    assertThat(Invocation.launcher(MAIN + " train", "a.jar:lib/b.jar", MAIN))
        .isEqualTo("java -cp a.jar:lib/b.jar " + MAIN);
  }

  @Test
  void pathsWithSpacesOrQuotesAreShellQuoted() {
    assertThat(Invocation.launcher("my dir/sa.jar train", "my dir/sa.jar", MAIN))
        .isEqualTo("java -jar 'my dir/sa.jar'");
    assertThat(Invocation.quote("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  void theResumeCommandQuotesTheCheckpoint() {
    assertThat(TrainCommand.resumeCommand(java.nio.file.Path.of("my models/m.checkpoint")))
        .endsWith(" train --resume 'my models/m.checkpoint'");
  }
}
