package org.siameseangular.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --part serve}: the batch protocol python-export/benchmark.py runs on both sides
 * (untimed warm-up calls, then repetitions of timed calls), every call's seconds reported.
 */
class BenchServeTest {
  @TempDir static Path dir;
  private static Path data;
  private static Path model;

  @BeforeAll
  static void exportATinyModel() throws IOException {
    data = dir.resolve("pairs.csv");
    Files.writeString(
        data,
        "left,right,label\n"
            + "colour,color,1\nhouse,mouse,0\nabc,abd,1\nx,yz,0\n"
            + "east,west,0\nrain,rein,1\nsun,son,1\nmoon,noon,0\n");
    model = dir.resolve("model");
    assertThat(
            run(
                "bench",
                "--part",
                "export",
                "--units",
                "3",
                "--encoding",
                "scalar",
                "--model",
                model.toString(),
                "--data",
                data.toString()))
        .isNotNull();
  }

  private static JsonNode run(String... args) throws IOException {
    var out = new StringWriter();
    var err = new StringWriter();
    int exit = DevTools.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as("%s", err).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  /**
   * {@code bench --part serve} on the tiny model and its pairs, batches of 4, with {@code options}
   * (picocli reads options in any order); its "serve" object.
   */
  private static JsonNode serve(String... options) throws IOException {
    var args =
        Stream.concat(
                Stream.of(
                    "bench",
                    "--part",
                    "serve",
                    "--model",
                    model.toString(),
                    "--data",
                    data.toString(),
                    "--batch",
                    "4"),
                Arrays.stream(options))
            .toArray(String[]::new);
    return run(args).get("serve");
  }

  @Test
  void servePartTimesWarmupAndRepetitionsSeparatelyAndReportsEveryCall() throws IOException {
    JsonNode serve =
        serve("--calls", "0", "--batch-warmup", "2", "--batch-calls", "3", "--repeats", "2");

    assertThat(serve.has("p50Ms")).isFalse(); // --calls 0: no single-pair part
    assertThat(serve.get("batchWarmup").asInt()).isEqualTo(2);
    assertThat(serve.get("batchCalls").asInt()).isEqualTo(3);
    assertThat(serve.get("batchPairsPerSecond")).hasSize(2);
    assertThat(serve.get("batchCallSeconds")).hasSize(2 + 2 * 3);
    assertThat(serve.get("batchCallCpuSeconds")).hasSize(2 + 2 * 3);
    assertThat(serve.get("batchCpuSeconds")).hasSize(2);
    for (JsonNode seconds : serve.get("batchCallSeconds")) {
      assertThat(seconds.asDouble()).isPositive();
    }
  }

  @Test
  void warmupDefaultsToTheTimedCallsAsBefore() throws IOException {
    JsonNode serve = serve("--calls", "1", "--batch-calls", "2", "--repeats", "1");

    assertThat(serve.get("batchWarmup").asInt()).isEqualTo(2);
    assertThat(serve.get("batchCallSeconds")).hasSize(2 + 2);
    assertThat(serve.get("p50Ms")).hasSize(1);
  }
}
