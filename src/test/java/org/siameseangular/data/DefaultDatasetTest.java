package org.siameseangular.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultDatasetTest {

  private static final List<KindedPair> DEFAULT =
      DefaultDataset.generateWithKinds(DefaultDataset.DEFAULT_SEED);

  private static long similarCount(List<Pair> pairs) {
    return pairs.stream().filter(Pair::similar).count();
  }

  @Test
  void hasDefaultSize() {
    assertThat(DefaultDataset.generate(7)).hasSize(DefaultDataset.DEFAULT_SIZE);
  }

  @Test
  void isBalanced() {
    assertThat(similarCount(DefaultDataset.generate(7))).isEqualTo(8_000);
  }

  @Test
  void sameSeedGivesEqualLists() {
    assertThat(DefaultDataset.generate(123)).isEqualTo(DefaultDataset.generate(123));
  }

  @Test
  void differentSeedsGiveDifferentLists() {
    assertThat(DefaultDataset.generate(1)).isNotEqualTo(DefaultDataset.generate(2));
  }

  @Test
  void defaultPairsUsesDefaultSeed() {
    assertThat(DefaultDataset.defaultPairs())
        .isEqualTo(DefaultDataset.generate(DefaultDataset.DEFAULT_SEED));
  }

  @Test
  void generateMatchesGenerateWithKinds() {
    assertThat(DefaultDataset.generate(DefaultDataset.DEFAULT_SEED))
        .isEqualTo(DEFAULT.stream().map(KindedPair::pair).toList());
  }

  @Test
  void positivesDifferFromTheirWord() {
    assertThat(DEFAULT)
        .map(KindedPair::pair)
        .filteredOn(Pair::similar)
        .allSatisfy(p -> assertThat(p.right()).isNotEqualTo(p.left()));
  }

  @Test
  void negativesPairDifferentWords() {
    assertThat(DEFAULT)
        .map(KindedPair::pair)
        .filteredOn(p -> !p.similar())
        .allSatisfy(p -> assertThat(p.right()).isNotEqualTo(p.left()));
  }

  @Test
  void everyTypoKindAppearsRoughlyUniformly() {
    Map<String, Long> counts =
        DEFAULT.stream()
            .filter(k -> k.pair().similar())
            .collect(Collectors.groupingBy(KindedPair::kind, Collectors.counting()));

    assertThat(counts.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(TypoKind.values()).map(TypoKind::tag).toList());
    // 8,000 draws over 5 kinds: 1,600 expected, standard deviation about 36.
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(1_400L, 1_800L));
  }

  @Test
  void negativesHaveNegativeKind() {
    assertThat(DEFAULT)
        .filteredOn(k -> !k.pair().similar())
        .allSatisfy(k -> assertThat(k.kind()).isEqualTo(DefaultDataset.NEGATIVE_KIND));
  }

  @Test
  void leftWordsAreDistinct() {
    assertThat(DEFAULT.stream().map(k -> k.pair().left()).distinct().count())
        .isEqualTo(DefaultDataset.DEFAULT_SIZE);
  }

  @Test
  void validationTailIsRoughlyBalanced() {
    List<Pair> pairs = DefaultDataset.defaultPairs();
    int tail = pairs.size() / 10;

    long similar = similarCount(pairs.subList(pairs.size() - tail, pairs.size()));

    assertThat(tail).isEqualTo(1_600);
    assertThat(similar).isBetween(640L, 960L); // 40% to 60%
  }

  @Test
  void classesAreSpreadThroughTheList() {
    List<Pair> pairs = DefaultDataset.defaultPairs();

    for (int start = 0; start < pairs.size(); start += 1_600) {
      assertThat(similarCount(pairs.subList(start, start + 1_600))).isBetween(640L, 960L);
    }
  }

  @Test
  void wordsAreLowercaseAsciiSortedAndUnique() {
    List<String> words = DefaultDataset.words();

    assertThat(words).hasSizeBetween(20_000, 40_000).isSorted().doesNotHaveDuplicates();
    assertThat(words).allMatch(w -> w.matches("[a-z]{4,12}"));
  }

  @Test
  void sourceDescriptionNamesSourceAndLicence() {
    assertThat(DefaultDataset.sourceDescription())
        .contains("SCOWL", "Kevin Atkinson", "wamerican", "licence")
        .doesNotContain("\n");
  }

  /**
   * Pins the seed-42 embedded dataset across JVMs and machines: {@code models/keras-reference} was
   * trained on it (`dataset --out`, python-export/README.md), and the README's quality table and
   * the evaluation's per-kind rows are measured on it. A change to the generator, the word list or
   * the JDK's random numbers changes these, and must be deliberate: regenerate the Keras reference
   * and the README's numbers, then write the new values here.
   */
  @Test
  void seed42DatasetHasItsPinnedFingerprint() {
    assertThat(
            sha256(
                DEFAULT, k -> k.pair().left() + '\t' + k.pair().right() + '\t' + k.pair().label()))
        .isEqualTo(PAIRS_SHA256);
    assertThat(sha256(DEFAULT, KindedPair::kind)).isEqualTo(KINDS_SHA256);
  }

  /**
   * SHA-256 of the pairs as lines {@code left TAB right TAB label}, in order: the same as {@code
   * dataset --out d.tsv; tail -n +2 d.tsv | sha256sum}.
   */
  private static final String PAIRS_SHA256 =
      "a71b41d78e8a38923d097a2b8bbc955dc58a8d3d11b196d533cdb75ed22e618e";

  /** SHA-256 of each pair's kind tag, one per line, in order. */
  private static final String KINDS_SHA256 =
      "2677141c96711c4569b9f8489aa3a7a2d3a64708767b3d6b0a63dea1a513e349";

  private static String sha256(List<KindedPair> pairs, Function<KindedPair, String> line) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      for (KindedPair k : pairs) {
        sha.update((line.apply(k) + '\n').getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void typoKindTagsAreUnique() {
    Map<String, TypoKind> byTag =
        Arrays.stream(TypoKind.values())
            .collect(Collectors.toMap(TypoKind::tag, Function.identity()));

    assertThat(byTag).hasSize(5);
  }
}
