package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairTest {

  @Test
  void rejectsLabelOtherThanZeroOrOne() {
    assertThatThrownBy(() -> new Pair("a", "b", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be 0 or 1, found 2");
  }

  @Test
  void rejectsNullString() {
    assertThatThrownBy(() -> new Pair(null, "b", 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void similarFollowsLabel() {
    assertThat(new Pair("a", "b", 1).similar()).isTrue();
    assertThat(new Pair("a", "b", 0).similar()).isFalse();
  }

  @Test
  void dataExceptionPrefixesFileAndLine() {
    DataException e = new DataException(java.nio.file.Path.of("pairs.csv"), 17, "bad");

    assertThat(e).hasMessage("pairs.csv:17: bad");
    assertThat(e.line()).isEqualTo(17);
  }

  @Test
  void dataExceptionWithoutLineKeepsMessage() {
    DataException e = new DataException(java.nio.file.Path.of("p.csv"), 0, "whole file");

    assertThat(e).hasMessage("whole file");
  }
}
