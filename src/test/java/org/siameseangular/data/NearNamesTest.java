package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearNamesTest {

  private static final Language GERMAN = Language.byKey("de latin");

  @Test
  void findsNamesOneSubstitutionInsertionOrDeletionApart() {
    Map<String, List<String>> near =
        NearNames.of(List.of("Anna", "Anja", "Ann", "Ana", "Peter", "Petra"), 6, GERMAN);

    assertThat(near)
        .containsEntry("Anna", List.of("Ana", "Anja", "Ann"))
        .containsEntry("Ann", List.of("Ana", "Anna"))
        .doesNotContainKey("Peter"); // Peter / Petra are two edits apart
  }

  @Test
  void leavesOutLongNames() {
    Map<String, List<String>> near = NearNames.of(List.of("Annabella", "Annabelle"), 6, GERMAN);

    assertThat(near).isEmpty();
  }

  @Test
  void spellingVariantsAreNotNearNames() {
    Language persian = Language.byKey("fa arabic");

    assertThat(NearNames.of(List.of("ستایش", "ستايش"), 6, persian)).isEmpty();
    assertThat(NearNames.of(List.of("Jose", "José"), 6, Language.byKey("es latin"))).isEmpty();
  }

  @Test
  void osaCountsATranspositionAsOneEdit() {
    assertThat(NearNames.osa("abcd".codePoints().toArray(), "abdc".codePoints().toArray(), 9))
        .isEqualTo(1);
    assertThat(NearNames.osa("Müller".codePoints().toArray(), "Moller".codePoints().toArray(), 9))
        .isEqualTo(1);
  }

  @Test
  void indexFindsTheClosestEntriesWithinTwoEdits() {
    var index = new NearNames.Index(List.of("Müller", "Möller", "Miller", "Mueller", "Schmidt"));

    // Mueller is a spelling of Müller, not a look-alike
    assertThat(index.closest("Müller", 5, GERMAN)).containsExactly("Möller", "Miller");
    assertThat(index.closest("Schmitt", 5, GERMAN)).containsExactly("Schmidt");
  }
}
