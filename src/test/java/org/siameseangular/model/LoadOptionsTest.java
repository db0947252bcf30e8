package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.KerasInitializers;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.SessionConfig;

/** {@link LoadOptions}: checked thread counts; a model loaded with them computes the same. */
class LoadOptionsTest {
  @Test
  void theDefaultIsTheProjectsSessionConfig() {
    assertThat(
            SessionConfig.of(
                LoadOptions.DEFAULT.intraOpThreads(), LoadOptions.DEFAULT.interOpThreads()))
        .isEqualTo(SessionConfig.DEFAULT);
  }

  @Test
  void fewerThanOneThreadIsRefused() {
    assertThatThrownBy(() -> new LoadOptions(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intraOpThreads must be at least 1, found 0");
    assertThatThrownBy(() -> new LoadOptions(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interOpThreads must be at least 1 or CALLER_THREAD (-1), found 0");
  }

  /**
   * The thread settings schedule the same kernels on the same shapes: the embeddings are the same
   * bits (a wrong setting that broke the session would fail to load or score).
   */
  @Test
  void aModelRunInTheCallersThreadEmbedsTheSame(@TempDir Path dir) throws Exception {
    ModelExporter.export(dir.resolve("m"), ModelSpec.withUnits(8), KerasInitializers.lstm(8, 3));
    List<String> texts = List.of("colour", "color", "", "Zoë");

    try (var byDefault = SimilarityModel.load(dir.resolve("m"));
        var inCaller = SimilarityModel.load(dir.resolve("m"), LoadOptions.callerThread(1))) {
      assertThat(inCaller.embed(texts)).isDeepEqualTo(byDefault.embed(texts));
      assertThat(inCaller.distance("colour", "color"))
          .isEqualTo(byDefault.distance("colour", "color"));
    }
  }
}
