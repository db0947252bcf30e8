package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HardVariationsTest {

  private static final List<KindedPair> PAIRS = HardVariations.load();

  @Test
  void hasBetween150And300Pairs() {
    assertThat(PAIRS).hasSizeBetween(150, 300);
  }

  @Test
  void hasExactlyTheThreeKinds() {
    Set<String> kinds = PAIRS.stream().map(KindedPair::kind).collect(Collectors.toSet());

    assertThat(kinds).containsExactlyInAnyOrderElementsOf(HardVariations.KINDS);
  }

  @Test
  void everyKindHasBothLabelsInFairNumbers() {
    for (String kind : HardVariations.KINDS) {
      List<Pair> ofKind =
          PAIRS.stream().filter(p -> p.kind().equals(kind)).map(KindedPair::pair).toList();
      long similar = ofKind.stream().filter(Pair::similar).count();
      assertThat(similar).as(kind).isBetween(30L, ofKind.size() - 30L);
    }
  }

  @Test
  void pairsAreNotDuplicated() {
    assertThat(PAIRS.stream().map(KindedPair::pair)).doesNotHaveDuplicates();
  }

  @Test
  void noPairComparesAStringWithItself() {
    assertThat(PAIRS).allSatisfy(p -> assertThat(p.pair().left()).isNotEqualTo(p.pair().right()));
  }

  @Test
  void stringsAreValidForPairsFiles() {
    assertThat(PAIRS)
        .flatMap(p -> List.of(p.pair().left(), p.pair().right()))
        .allSatisfy(s -> assertThat(s).isNotBlank().doesNotContain("\0", "\t"));
  }

  @Test
  void containsTheExamplesOfEachKind() {
    assertThat(PAIRS)
        .contains(
            new KindedPair(new Pair("Müller", "MULLER", 1), HardVariations.DIACRITICS_CASE),
            new KindedPair(new Pair("Mohammed", "Muhammad", 1), HardVariations.TRANSLITERATION),
            new KindedPair(new Pair("O'Brien", "OBrien", 1), HardVariations.SPACING_PUNCTUATION));
  }

  @Test
  void resourceIsReadAsUtf8() {
    assertThat(PAIRS).anySatisfy(p -> assertThat(p.pair().left()).isEqualTo("Dvořák"));
  }
}
