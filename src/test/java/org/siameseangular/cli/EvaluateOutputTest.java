package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.cli.InProcessCli.Run;
import org.siameseangular.data.EmbeddedTrainingSet;
import org.siameseangular.data.HardVariations;
import org.siameseangular.data.KindedPair;
import org.siameseangular.data.Pair;
import org.siameseangular.data.PairFiles;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.model.ModelExporter;
import org.siameseangular.model.SimilarityModel;
import org.siameseangular.train.Split;
import org.siameseangular.train.TrainConfig;

/**
 * `evaluate`'s output, JSON and text: the model's ROC AUC beside the edit-distance baselines', per
 * kind on the default data, undefined when the pairs hold one class. Every AUC is recomputed here
 * by counting (the Mann-Whitney statistic), from the library's distances or from edit distances
 * worked out by hand.
 */
class EvaluateOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Normalised distances (edits / longer length) by hand: Levenshtein, then optimal string
   * alignment (a transposition is one edit).
   */
  private static final List<Pair> PAIRS =
      List.of(
          new Pair("abcd", "abce", 1), // 1/4, 1/4
          new Pair("abcdef", "abdcef", 1), // 2/6, 1/6
          new Pair("kitten", "sitting", 1), // 3/7, 3/7
          new Pair("abcd", "wxyz", 0), // 4/4, 4/4
          new Pair("ab", "ba", 0), // 2/2, 1/2
          new Pair("cat", "dog", 0), // 3/3, 3/3
          new Pair("abcdef", "abcdxy", 0)); // 2/6, 2/6

  /**
   * Of the 3 x 4 (similar, dissimilar) pairs, how many the distance orders right (a tie counts
   * half). Levenshtein: 4 + 3.5 (2/6 ties 2/6) + 3 (3/7 > 2/6) = 10.5. Damerau: 4 + 4 + 3 = 11.
   */
  private static final double LEVENSHTEIN_AUC = 10.5 / 12;

  private static final double DAMERAU_AUC = 11.0 / 12;

  @TempDir static Path shared;
  private static Path model;

  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    ModelExporter.export(model, ModelSpec.withUnits(3), KerasInitializers.lstm(3, 4));
  }

  /** ROC AUC of "smaller distance = similar", by counting ordered (similar, dissimilar) pairs. */
  static double auc(float[] d, int[] labels) {
    long halves = 0;
    long similar = 0;
    long dissimilar = 0;
    for (int i = 0; i < d.length; i++) {
      if (labels[i] == 1) {
        similar++;
      } else {
        dissimilar++;
      }
      for (int j = 0; j < d.length; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          halves += d[i] < d[j] ? 2 : d[i] == d[j] ? 1 : 0;
        }
      }
    }
    // Half-integers and their products are exact in a double: one division, as in BinaryMetrics.
    return halves / 2.0 / ((double) similar * dissimilar);
  }

  private static float[] modelDistances(List<Pair> pairs) {
    try (SimilarityModel m = SimilarityModel.load(model)) {
      return m.distances(
          pairs.stream().map(Pair::left).toList(), pairs.stream().map(Pair::right).toList());
    }
  }

  private static int[] labels(List<Pair> pairs) {
    return pairs.stream().mapToInt(Pair::label).toArray();
  }

  private static JsonNode evaluateJson(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", model.toString(), "--json"));
    args.addAll(List.of(extra));
    Run r = InProcessCli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.allErr()).isZero();
    return JSON.readTree(r.stdout());
  }

  @Test
  void jsonHoldsTheModelsAucBesideTheEditDistanceAucs(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, PAIRS);

    JsonNode json = evaluateJson("--data", data.toString());

    assertThat(json.get("pairs").asInt()).isEqualTo(7);
    assertThat(json.get("similarPairs").asInt()).isEqualTo(3);
    assertThat(json.get("rocAuc").asDouble()).isEqualTo(auc(modelDistances(PAIRS), labels(PAIRS)));
    assertThat(json.get("levenshteinAuc").asDouble()).isEqualTo(LEVENSHTEIN_AUC);
    assertThat(json.get("damerauAuc").asDouble()).isEqualTo(DAMERAU_AUC);
    assertThat(json.get("perKind")).as("a pairs file has no kinds").isEmpty();
  }

  @Test
  void textShowsTheSameAucsToFourDecimals(@TempDir Path tmp) {
    Path data = tmp.resolve("pairs.csv");
    PairFiles.write(data, PAIRS);

    Run r = InProcessCli.run("evaluate", "--model", model.toString(), "--data", data.toString());

    assertThat(r.exit()).as(r.allErr()).isZero();
    assertThat(r.stdout())
        .contains(
            String.format(Locale.ROOT, "%.4f", auc(modelDistances(PAIRS), labels(PAIRS))),
            String.format(Locale.ROOT, "%.4f", LEVENSHTEIN_AUC),
            String.format(Locale.ROOT, "%.4f", DAMERAU_AUC));
  }

  @Test
  void pairsOfOneClassHaveUndefinedAucsInJsonAndText(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("similar.csv");
    PairFiles.write(data, PAIRS.stream().filter(Pair::similar).toList());

    JsonNode json = evaluateJson("--data", data.toString());
    Run text = InProcessCli.run("evaluate", "--model", model.toString(), "--data", data.toString());

    assertThat(json.get("rocAuc").isNull()).as("rocAuc: %s", json.get("rocAuc")).isTrue();
    assertThat(json.get("levenshteinAuc").isNull()).isTrue();
    assertThat(json.get("damerauAuc").isNull()).isTrue();
    assertThat(text.exit()).as(text.allErr()).isZero();
    assertThat(text.stdout()).contains("undefined");
  }

  /**
   * The default data: the embedded validation split (typo kinds, only similar pairs, each scored
   * against every dissimilar pair) and the hard-variations set (kinds with both classes).
   */
  @Test
  void defaultDataIsBrokenDownPerKindWithTheBaselines() throws IOException {
    List<KindedPair> all = EmbeddedTrainingSet.withKinds();
    List<KindedPair> validation =
        all.subList(
            Split.trainingSize(all.size(), TrainConfig.DEFAULT_VALIDATION_SPLIT), all.size());
    List<KindedPair> english =
        validation.stream().filter(p -> EmbeddedTrainingSet.isEnglish(p.kind())).toList();
    List<KindedPair> hard = HardVariations.load();

    JsonNode rows = evaluateJson().get("perKind");

    List<String> kinds = new ArrayList<>();
    rows.forEach(row -> kinds.add(row.get("kind").asText()));
    // The tables in order: the English validation pairs per kind, the validation split per part,
    // the hard set per kind, then the held-out set per kind, per script (typos) and in all.
    List<String> englishKinds = checkRows(rows, english);
    assertThat(kinds.subList(0, englishKinds.size())).isEqualTo(englishKinds);
    assertThat(kinds.subList(englishKinds.size(), englishKinds.size() + 2))
        .containsExactly("names, all", "english, all");
    List<String> hardKinds = checkRows(rows, hard);
    assertThat(hardKinds).containsExactlyElementsOf(HardVariations.KINDS);
    assertThat(kinds.subList(englishKinds.size() + 2, englishKinds.size() + 2 + hardKinds.size()))
        .isEqualTo(hardKinds);
    assertThat(kinds)
        .contains("held-out case", "held-out typos han", "held-out typos armenian")
        .endsWith("held-out all");
  }

  /**
   * Checks the rows of {@code block}'s kinds against AUCs computed here, a kind of only similar
   * pairs against the block's dissimilar pairs; returns the kinds that have rows, in order.
   */
  private static List<String> checkRows(JsonNode rows, List<KindedPair> block) {
    List<Pair> pairs = block.stream().map(KindedPair::pair).toList();
    float[] model = modelDistances(pairs);
    List<String> lefts = pairs.stream().map(Pair::left).toList();
    List<String> rights = pairs.stream().map(Pair::right).toList();
    float[] levenshtein =
        EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.LEVENSHTEIN);
    float[] damerau =
        EditDistanceBaseline.asDistances(lefts, rights, EditDistanceBaseline.Kind.DAMERAU);
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    List<Integer> dissimilar = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      byKind.computeIfAbsent(block.get(i).kind(), k -> new ArrayList<>()).add(i);
      if (!pairs.get(i).similar()) {
        dissimilar.add(i);
      }
    }
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    rows.forEach(row -> byName.putIfAbsent(row.get("kind").asText(), row));
    List<String> kinds = new ArrayList<>();
    byKind.forEach(
        (kind, members) -> {
          if (members.stream().noneMatch(i -> pairs.get(i).similar())) {
            return;
          }
          kinds.add(kind);
          JsonNode row = byName.get(kind);
          assertThat(row).as(kind).isNotNull();
          List<Integer> scored = new ArrayList<>(members);
          if (members.stream().allMatch(i -> pairs.get(i).similar())) {
            scored.addAll(dissimilar);
          }
          int[] labels = scored.stream().mapToInt(i -> pairs.get(i).label()).toArray();
          assertThat(row.get("pairs").asInt()).as(kind).isEqualTo(members.size());
          assertThat(row.get("modelAuc").asDouble())
              .as(kind)
              .isEqualTo(auc(pick(model, scored), labels));
          assertThat(row.get("levenshteinAuc").asDouble())
              .as(kind)
              .isEqualTo(auc(pick(levenshtein, scored), labels));
          assertThat(row.get("damerauAuc").asDouble())
              .as(kind)
              .isEqualTo(auc(pick(damerau, scored), labels));
        });
    return kinds;
  }

  private static float[] pick(float[] values, List<Integer> idx) {
    float[] out = new float[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[idx.get(i)];
    }
    return out;
  }
}
