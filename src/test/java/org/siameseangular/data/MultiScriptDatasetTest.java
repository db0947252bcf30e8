package org.siameseangular.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MultiScriptDatasetTest {

  private static final String DEFAULT_TRAINING_SHA256 =
      "c611f83632b879032396b5e94c5959ae37ee2955d0b711342e8ecd5e432e9406";
  private static final String HELD_OUT_SHA256 =
      "5ca8ba80149115515bf9b23be7481f53042ad1ecd70cb770775190cf866c065c";

  private static final List<TaggedPair> TRAINING = MultiScriptDataset.training(7, 6_000);
  private static final List<TaggedPair> HELD_OUT = GeneratedSets.heldOut();

  @Test
  void trainingHasRequestedSize() {
    assertThat(TRAINING).hasSize(6_000);
  }

  @Test
  void trainingIsExactlyBalanced() {
    assertThat(TRAINING.stream().filter(TaggedPair::similar).count()).isEqualTo(3_000);
  }

  @Test
  void sameSeedGivesEqualTrainingSets() {
    assertThat(MultiScriptDataset.training(7, 6_000)).isEqualTo(TRAINING);
  }

  @Test
  void differentSeedsGiveDifferentTrainingSets() {
    assertThat(MultiScriptDataset.training(8, 6_000)).isNotEqualTo(TRAINING);
  }

  /**
   * Pins the default training and held-out sets: any change to the generator, the resources or the
   * Unicode tables of the JDK (these were computed on Java 17) changes them, and must be a
   * deliberate one, with the new fingerprints written here. Print them with {@link
   * GeneratedSets#fingerprint}.
   */
  @Test
  void defaultSetsHaveTheirPinnedFingerprints() {
    assertThat(GeneratedSets.fingerprint(GeneratedSets.defaultTraining()))
        .isEqualTo(DEFAULT_TRAINING_SHA256);
    assertThat(GeneratedSets.fingerprint(HELD_OUT)).isEqualTo(HELD_OUT_SHA256);
  }

  @Test
  void defaultTrainingSetHasTheDefaultSize() {
    assertThat(GeneratedSets.defaultTraining()).hasSize(MultiScriptDataset.DEFAULT_SIZE);
  }

  @Test
  void everyKindIsExactlyBalancedInTraining() {
    Map<String, Map<Integer, Long>> byKind =
        GeneratedSets.defaultTraining().stream()
            .collect(
                Collectors.groupingBy(
                    TaggedPair::kind,
                    Collectors.groupingBy(TaggedPair::label, Collectors.counting())));

    assertThat(byKind.keySet())
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(PairKind.values()).map(PairKind::tag).toList());
    assertThat(byKind.values()).allSatisfy(m -> assertThat(m.get(0)).isEqualTo(m.get(1)));
  }

  @Test
  void classesAreSpreadThroughTheTrainingList() {
    List<TaggedPair> pairs = GeneratedSets.defaultTraining();
    int tenth = pairs.size() / 10;
    for (int start = 0; start < pairs.size(); start += tenth) {
      long similar =
          pairs.subList(start, start + tenth).stream().filter(TaggedPair::similar).count();
      // 4,000 pairs, binomial(0.5): standard deviation 32; 45 % to 55 % is 6 deviations
      assertThat(similar).isBetween((long) (tenth * 0.45), (long) (tenth * 0.55));
    }
  }

  @Test
  void sameSeedGivesEqualHeldOutSets() {
    assertThat(MultiScriptDataset.heldOut(MultiScriptDataset.HELD_OUT_SEED)).isEqualTo(HELD_OUT);
  }

  @Test
  void oddOrNonPositiveSizeIsRejected() {
    assertThatThrownBy(() -> MultiScriptDataset.training(1, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even");
    assertThatThrownBy(() -> MultiScriptDataset.training(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyScriptHasEveryTypoKind() {
    Set<MultiScriptDataset.Cell> cells = Set.copyOf(MultiScriptDataset.cells());
    for (Script script : Script.values()) {
      for (PairKind kind : PairKind.values()) {
        if (kind.isTypo()) {
          assertThat(cells).contains(new MultiScriptDataset.Cell(kind, script));
        }
      }
    }
  }

  @Test
  void heldOutHasEveryCellWithEqualCountsAndBothLabels() {
    Map<MultiScriptDataset.Cell, Map<Integer, Long>> counts =
        HELD_OUT.stream()
            .collect(
                Collectors.groupingBy(
                    p -> new MultiScriptDataset.Cell(PairKind.ofTag(p.kind()), p.script()),
                    Collectors.groupingBy(TaggedPair::label, Collectors.counting())));
    int half = MultiScriptDataset.HELD_OUT_PAIRS_PER_CELL / 2;

    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(MultiScriptDataset.cells());
    assertThat(counts.values())
        .allSatisfy(
            byLabel -> assertThat(byLabel).isEqualTo(Map.of(0, (long) half, 1, (long) half)));
  }

  @Test
  void trainingCoversEveryScript() {
    Set<Script> scripts = EnumSet.noneOf(Script.class);
    TRAINING.forEach(p -> scripts.add(p.script()));

    assertThat(scripts).containsExactlyInAnyOrder(Script.values());
  }

  @Test
  void everyStringIsValidForPairFiles() {
    for (List<TaggedPair> set : List.of(TRAINING, HELD_OUT)) {
      assertThat(set)
          .allSatisfy(
              p -> {
                for (String s : List.of(p.left(), p.right())) {
                  assertThat(s).isNotEmpty().doesNotContain("\0", "\t", "\n", "\r");
                  assertThat(s.codePointCount(0, s.length()))
                      .isLessThanOrEqualTo(MultiScriptDataset.MAX_CODE_POINTS);
                  // UTF-8 round trip fails exactly for unpaired surrogates
                  assertThat(new String(s.getBytes(UTF_8), UTF_8)).isEqualTo(s);
                }
              });
    }
  }

  @Test
  void bothSidesOfEveryPairDiffer() {
    assertThat(TRAINING).allSatisfy(p -> assertThat(p.left()).isNotEqualTo(p.right()));
    assertThat(HELD_OUT).allSatisfy(p -> assertThat(p.left()).isNotEqualTo(p.right()));
  }

  @Test
  void everyStringIsInItsScriptExceptRomanisations() {
    assertThat(HELD_OUT)
        .filteredOn(p -> !p.kind().equals("transliteration") && !p.kind().equals("multi-edit"))
        .allSatisfy(
            p ->
                assertThat((p.left() + p.right()).codePoints().allMatch(p.script()::admits))
                    .as("%s / %s in %s", p.left(), p.right(), p.script())
                    .isTrue());
  }
}
