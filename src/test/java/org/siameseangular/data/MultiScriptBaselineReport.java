package org.siameseangular.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.siameseangular.eval.BinaryMetrics;
import org.siameseangular.eval.EditDistanceBaseline;
import org.siameseangular.eval.EditDistanceBaseline.Kind;

/**
 * Prints the ROC AUC of the normalised edit-distance baselines on {@link
 * MultiScriptDataset#heldOut()}, per kind, per script, and per kind and script (Damerau), as
 * Markdown tables: where plain edit distance already separates the pairs and where it fails.
 *
 * <p>Run after {@code mvn test-compile}: {@code java -cp target/classes:target/test-classes:<deps>
 * org.siameseangular.data.MultiScriptBaselineReport}.
 */
public final class MultiScriptBaselineReport {

  private MultiScriptBaselineReport() {}

  public static void main(String[] args) {
    List<TaggedPair> pairs = MultiScriptDataset.heldOut();
    System.out.printf(
        Locale.ROOT,
        "Held-out set: %d pairs, %d cells, seed %d%n%n",
        pairs.size(),
        MultiScriptDataset.cells().size(),
        MultiScriptDataset.HELD_OUT_SEED);
    table("kind", pairs, TaggedPair::kind);
    table("script", pairs, p -> p.script().tag());
    matrix(pairs);
  }

  private static void table(
      String title, List<TaggedPair> pairs, Function<TaggedPair, String> key) {
    Map<String, List<TaggedPair>> groups =
        pairs.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    System.out.printf(Locale.ROOT, "| %s | pairs | Levenshtein AUC | Damerau (OSA) AUC |%n", title);
    System.out.println("|---|---:|---:|---:|");
    order(groups, title.equals("kind"))
        .forEach(
            (name, group) ->
                System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %.3f |%n",
                    name,
                    group.size(),
                    auc(group, Kind.LEVENSHTEIN),
                    auc(group, Kind.DAMERAU)));
    System.out.printf(
        Locale.ROOT,
        "| all | %d | %.3f | %.3f |%n%n",
        pairs.size(),
        auc(pairs, Kind.LEVENSHTEIN),
        auc(pairs, Kind.DAMERAU));
  }

  /** Kinds in declaration order, scripts in declaration order. */
  private static Map<String, List<TaggedPair>> order(
      Map<String, List<TaggedPair>> groups, boolean kinds) {
    Map<String, List<TaggedPair>> ordered = new java.util.LinkedHashMap<>();
    if (kinds) {
      for (PairKind k : PairKind.values()) {
        if (groups.containsKey(k.tag())) {
          ordered.put(k.tag(), groups.get(k.tag()));
        }
      }
    } else {
      for (Script s : Script.values()) {
        if (groups.containsKey(s.tag())) {
          ordered.put(s.tag(), groups.get(s.tag()));
        }
      }
    }
    return ordered;
  }

  private static void matrix(List<TaggedPair> pairs) {
    StringBuilder header = new StringBuilder("| Damerau AUC |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Script s : Script.values()) {
      header.append(' ').append(s.tag()).append(" |");
      rule.append("---:|");
    }
    System.out.println(header);
    System.out.println(rule);
    for (PairKind k : PairKind.values()) {
      StringBuilder row = new StringBuilder("| " + k.tag() + " |");
      for (Script s : Script.values()) {
        List<TaggedPair> cell = new ArrayList<>();
        for (TaggedPair p : pairs) {
          if (p.kind().equals(k.tag()) && p.script() == s) {
            cell.add(p);
          }
        }
        row.append(
            cell.isEmpty()
                ? " - |"
                : String.format(Locale.ROOT, " %.2f |", auc(cell, Kind.DAMERAU)));
      }
      System.out.println(row);
    }
  }

  static double auc(List<TaggedPair> pairs, Kind kind) {
    float[] distances =
        EditDistanceBaseline.asDistances(
            pairs.stream().map(TaggedPair::left).toList(),
            pairs.stream().map(TaggedPair::right).toList(),
            kind);
    int[] labels = pairs.stream().mapToInt(TaggedPair::label).toArray();
    return BinaryMetrics.rocAuc(distances, labels);
  }
}
