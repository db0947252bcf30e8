package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourcePartTest {

  @Test
  void partDependsOnTheTextOnly() {
    assertThat(SourcePart.of("Müller")).isEqualTo(SourcePart.of(new String("Müller")));
  }

  @Test
  void hashIsTheFirstEightBytesOfSha256BigEndian() {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
    assertThat(SourcePart.hash("abc")).isEqualTo(0xba7816bf8f01cfeaL);
  }

  @Test
  void bucketZeroIsHeldOut() {
    // floorMod(0xba7816bf8f01cfea, 5) == 0 ? checked against the definition, not a constant
    long h = SourcePart.hash("abc");
    assertThat(SourcePart.of("abc"))
        .isEqualTo(Math.floorMod(h, 5) == 0 ? SourcePart.HELD_OUT : SourcePart.TRAINING);
  }

  @Test
  void aboutOneFifthOfTheEntriesIsHeldOut() {
    NameData data = NameData.all();
    long held = 0;
    long all = 0;
    for (Language l : Language.ALL) {
      for (NameCategory c : NameCategory.values()) {
        held += data.get(l, c, SourcePart.HELD_OUT).size();
        all += data.get(l, c).size();
      }
    }
    // 44,700 entries, binomial(0.2): standard deviation 0.002 of the share
    assertThat((double) held / all).isBetween(0.19, 0.21);
  }

  @Test
  void partsSplitEverySectionWithoutOverlap() {
    NameData data = NameData.all();
    for (Language l : Language.ALL) {
      for (NameCategory c : NameCategory.values()) {
        List<String> training = data.get(l, c, SourcePart.TRAINING);
        List<String> heldOut = data.get(l, c, SourcePart.HELD_OUT);
        Set<String> union = new HashSet<>(training);
        union.addAll(heldOut);

        assertThat(Collections.disjoint(training, heldOut)).as(l.key() + " " + c).isTrue();
        assertThat(union).containsExactlyInAnyOrderElementsOf(data.get(l, c));
      }
    }
  }

  @Test
  void noEntryIsOnBothSidesAcrossLanguages() {
    NameData data = NameData.all();
    Set<String> training = new HashSet<>();
    Set<String> heldOut = new HashSet<>();
    for (Language l : Language.ALL) {
      for (NameCategory c : NameCategory.values()) {
        training.addAll(data.get(l, c, SourcePart.TRAINING));
        heldOut.addAll(data.get(l, c, SourcePart.HELD_OUT));
      }
    }

    assertThat(Collections.disjoint(training, heldOut)).isTrue();
  }
}
