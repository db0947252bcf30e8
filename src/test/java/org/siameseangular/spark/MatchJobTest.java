package org.siameseangular.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MatchJob} as spark-submit runs it: CSV in, (query, rank, candidate, distance) out. */
@Tag("spark")
class MatchJobTest {
  @Test
  void writesTheKNearestCandidatesOfEachQuery(@TempDir Path tmp) throws IOException {
    String model = SparkTests.model();
    var spark = SparkTests.spark();
    Path queries = tmp.resolve("queries.csv");
    Files.writeString(queries, "id,name\n1,colour\n2,\"Smith, John\"\n");
    Path candidates = tmp.resolve("candidates.csv");
    Files.writeString(candidates, "name\ncolour\ncolor\n\"Smith, John\"\nzebra\n");
    Path out = tmp.resolve("found");

    int code =
        MatchJob.run(
            "--model",
            model,
            "--queries",
            queries.toString(),
            "--candidates",
            candidates.toString(),
            "--output",
            out.toString(),
            "--query-col",
            "name",
            "--candidate-col",
            "name",
            "--k",
            "2");

    assertThat(code).isZero();
    List<Row> rows =
        Jobs.read(spark, out.toString(), Jobs.Format.CSV, false)
            .orderBy("query", "rank")
            .collectAsList();
    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly("query", "rank", "candidate", "distance");
    assertThat(rows).hasSize(4);
    // Each query is also a candidate: the nearest candidate is itself.
    assertThat(rows.get(0).getString(0)).isEqualTo("Smith, John");
    assertThat(rows.get(0).getString(2)).isEqualTo("Smith, John");
    assertThat(rows.get(2).getString(0)).isEqualTo("colour");
    assertThat(rows.get(2).getString(2)).isEqualTo("colour");
    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("1", "2", "1", "2");
  }
}
