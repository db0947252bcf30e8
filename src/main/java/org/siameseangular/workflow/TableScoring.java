package org.siameseangular.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.siameseangular.data.DataException;
import org.siameseangular.data.TableFiles;
import org.siameseangular.data.UserException;
import org.siameseangular.io.Decimals;
import org.siameseangular.match.AngularDistance;
import org.siameseangular.model.SimilarityModel;

/**
 * Scores the pairs of a table: "score --data IN --out OUT". Every column of IN is written back to
 * OUT with a {@code distance} column appended (and {@code similar}, true or false, with a
 * threshold), row by row in input order.
 *
 * <p>Streaming, in chunks of {@link #CHUNK_ROWS} rows: a string that occurs many times (a company
 * name in every row of a linkage table) is embedded once, and a pair's distance is then computed
 * from the two embeddings in plain Java ({@link AngularDistance}, the model's own head). Embeddings
 * of up to {@link #CACHED_STRINGS} distinct strings are kept across chunks (least recently used go
 * first), so memory stays bounded whatever the file's size. A model without an {@code embed}
 * signature (a Keras export) is scored pair by pair through its {@code distance} signature instead.
 *
 * <p>A row whose left or right string is empty gets an empty distance. OUT is written to a hidden
 * sibling and renamed into place at the end: a bad row (named by file and line) leaves no OUT, or
 * the previous one untouched.
 */
public final class TableScoring {
  /** Rows read, embedded and written together. */
  public static final int CHUNK_ROWS = 4096;

  /**
   * Distinct strings whose embeddings are kept across chunks: with 32 units about 25 MB of
   * embeddings plus the strings themselves.
   */
  public static final int CACHED_STRINGS = 100_000;

  /** The column appended with each row's distance. */
  public static final String DISTANCE_COLUMN = "distance";

  /** The column appended with {@code true} (distance below the threshold) or {@code false}. */
  public static final String SIMILAR_COLUMN = "similar";

  /**
   * What a run did.
   *
   * @param rows data rows written
   * @param scored rows with a distance
   * @param missing rows whose left or right string was empty (empty distance)
   * @param embedded distinct strings embedded (0 when the model was scored pair by pair)
   * @param blankLines blank lines of the input skipped
   */
  public record Summary(long rows, long scored, long missing, long embedded, int blankLines) {}

  private final SimilarityModel model;
  private final AngularDistance head;
  private final boolean embeds;
  private final Map<String, float[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHED_STRINGS;
        }
      };
  private long embedded;

  /**
   * @param embeds score through embeddings (the model must have an {@code embed} signature); false
   *     scores each chunk's pairs through the {@code distance} signature
   */
  TableScoring(SimilarityModel model, boolean embeds) {
    this.model = model;
    this.head = AngularDistance.of(model);
    this.embeds = embeds;
  }

  /**
   * Refuses, before any work, an output that would overwrite the input or cannot be written: {@code
   * out} equal to {@code data}, a directory, an unsupported extension.
   */
  public static void checkPaths(Path data, Path out) throws IOException {
    TableFiles.Format.of(data);
    TableFiles.Format.of(out);
    boolean same =
        data.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
            || (Files.exists(data) && Files.exists(out) && Files.isSameFile(data, out));
    if (same) {
      throw new UserException(
          "--out "
              + out
              + " is the --data file: writing the scores there would destroy the input; give"
              + " another --out");
    }
    if (Files.isDirectory(out)) {
      throw new UserException(
          "cannot write " + out + ": it is a directory; --out takes a file (.csv or .tsv)");
    }
  }

  /**
   * Scores {@code data} into {@code out}.
   *
   * @param leftColumn the column holding the left strings
   * @param rightColumn the column holding the right strings
   * @param threshold with a value, also write {@code similar}: distance below it; null for none
   * @throws DataException naming file and line for a malformed table, a missing column, U+0000 in a
   *     string; {@code out} is then left as it was
   */
  public static Summary run(
      SimilarityModel model,
      Path data,
      Path out,
      String leftColumn,
      String rightColumn,
      Double threshold)
      throws IOException {
    checkPaths(data, out);
    return new TableScoring(model, hasEmbedSignature(model))
        .score(data, out, leftColumn, rightColumn, threshold);
  }

  Summary score(Path data, Path out, String leftColumn, String rightColumn, Double threshold) {
    try (TableFiles.Reader in = TableFiles.read(data);
        TableFiles.Writer writer = TableFiles.write(out, data)) {
      TableFiles.Row header = in.header();
      int left = column(data, header, leftColumn);
      int right = column(data, header, rightColumn);
      if (left == right) {
        throw new UserException(
            "--left-col and --right-col name the same column \"" + leftColumn + "\"");
      }
      List<String> added =
          threshold == null ? List.of(DISTANCE_COLUMN) : List.of(DISTANCE_COLUMN, SIMILAR_COLUMN);
      for (String name : added) {
        if (header.fields().stream().anyMatch(h -> h.strip().equals(name))) {
          throw new DataException(
              data,
              header.line(),
              "the table already has a column \""
                  + name
                  + "\", which this command appends; rename that column first");
        }
      }
      writer.write(
          append(header.fields(), added), append(header.quoted(), added.size()), header.line());
      long rows = 0;
      long scored = 0;
      List<TableFiles.Row> chunk = new ArrayList<>(CHUNK_ROWS);
      for (TableFiles.Row row = in.next(); ; row = in.next()) {
        if (row != null) {
          checkText(data, row, left, header);
          checkText(data, row, right, header);
          chunk.add(row);
        }
        if (chunk.size() == CHUNK_ROWS || (row == null && !chunk.isEmpty())) {
          float[] d = distances(chunk, left, right);
          for (int i = 0; i < chunk.size(); i++) {
            TableFiles.Row r = chunk.get(i);
            boolean has = !Float.isNaN(d[i]);
            List<String> extra = new ArrayList<>(2);
            extra.add(has ? Decimals.format(d[i]) : "");
            if (threshold != null) {
              extra.add(has ? Boolean.toString(d[i] < threshold) : "");
            }
            writer.write(append(r.fields(), extra), r.quoted(), r.line());
            scored += has ? 1 : 0;
          }
          rows += chunk.size();
          chunk.clear();
        }
        if (row == null) {
          break;
        }
      }
      writer.commit();
      return new Summary(rows, scored, rows - scored, embedded, in.blankLines());
    }
  }

  /** The distances of a chunk's pairs, NaN where the left or right string is empty. */
  private float[] distances(List<TableFiles.Row> chunk, int left, int right) {
    float[] d = new float[chunk.size()];
    if (!embeds) {
      List<String> lefts = new ArrayList<>();
      List<String> rights = new ArrayList<>();
      for (TableFiles.Row r : chunk) {
        if (hasPair(r, left, right)) {
          lefts.add(r.fields().get(left));
          rights.add(r.fields().get(right));
        }
      }
      float[] scored = lefts.isEmpty() ? new float[0] : model.distances(lefts, rights);
      int k = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = hasPair(chunk.get(i), left, right) ? scored[k++] : Float.NaN;
      }
      return d;
    }
    Map<String, float[]> vectors = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (TableFiles.Row r : chunk) {
      if (hasPair(r, left, right)) {
        for (String s : List.of(r.fields().get(left), r.fields().get(right))) {
          if (!vectors.containsKey(s)) {
            float[] cached = cache.get(s);
            vectors.put(s, cached);
            if (cached == null) {
              missing.add(s);
            }
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      float[][] raw = model.embed(missing);
      for (int i = 0; i < raw.length; i++) {
        float[] normalised = AngularDistance.normalize(raw[i]);
        vectors.put(missing.get(i), normalised);
        cache.put(missing.get(i), normalised);
      }
      embedded += missing.size();
    }
    for (int i = 0; i < d.length; i++) {
      TableFiles.Row r = chunk.get(i);
      d[i] =
          hasPair(r, left, right)
              ? head.ofCosine(
                  AngularDistance.dot(
                      vectors.get(r.fields().get(left)), vectors.get(r.fields().get(right))))
              : Float.NaN;
    }
    return d;
  }

  private static boolean hasPair(TableFiles.Row r, int left, int right) {
    return !r.fields().get(left).isEmpty() && !r.fields().get(right).isEmpty();
  }

  private static int column(Path data, TableFiles.Row header, String name) {
    List<String> names = header.fields();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().equals(name)) {
        return i;
      }
    }
    String hint = "";
    for (String n : names) {
      if (n.strip().equalsIgnoreCase(name)) {
        hint = " (names are case-sensitive: \"" + n.strip() + "\"?)";
      }
    }
    throw new DataException(
        data,
        header.line(),
        "no column \""
            + name
            + "\" in the header"
            + hint
            + "; its columns are "
            + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList())
            + ". Name the two columns to compare with --left-col NAME and --right-col NAME");
  }

  private static void checkText(Path data, TableFiles.Row row, int column, TableFiles.Row header) {
    String s = row.fields().get(column);
    int nul = s.indexOf('\0');
    if (nul >= 0) {
      throw new DataException(
          data,
          row.line(),
          "column \""
              + header.fields().get(column)
              + "\" contains U+0000 at code point "
              + (s.codePointCount(0, nul) + 1)
              + "; U+0000 is reserved as the model's padding value");
    }
  }

  private static boolean hasEmbedSignature(SimilarityModel model) {
    try {
      model.embed(List.of());
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static List<String> append(List<String> values, List<String> extra) {
    List<String> all = new ArrayList<>(values.size() + extra.size());
    all.addAll(values);
    all.addAll(extra);
    return all;
  }

  private static List<Boolean> append(List<Boolean> quoted, int extra) {
    List<Boolean> all = new ArrayList<>(quoted);
    for (int i = 0; i < extra; i++) {
      all.add(false);
    }
    return all;
  }
}
