package org.siameseangular.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siameseangular.graph.InputEncoding;
import org.siameseangular.graph.ModelSpec;

/**
 * The folded Keras reference ({@code models/keras-reference-folded}, written by {@code
 * python-export/reference.py}): its weights map onto the Java graph by role (the one code-point
 * table of {@code J + 71 + 1214} rows among a Keras export's duplicated handles; the fold table is
 * a graph constant on both sides, not a variable), and a Java export of them reads back bit for
 * bit. Skipped where the reference is not in the tree.
 */
class KerasFoldedReferenceTest {
  private static final Path DIR = Path.of("models", "keras-reference-folded");

  @BeforeEach
  void requireTheReference() {
    assumeTrue(Files.isRegularFile(DIR.resolve("saved_model.pb")), DIR + " is not in the tree");
  }

  @Test
  void itsMetadataGivesTheFoldedSpecAndTheTableMapsByRole() {
    WeightsReader.Model read = WeightsReader.read(DIR);

    assertThat(read.spec().encoding()).isInstanceOf(InputEncoding.Folded.class);
    var folded = (InputEncoding.Folded) read.spec().encoding();
    // 1031 + 1087 hashed rows, 71 jamo rows, 1214 detail rows (InputEncoding.Folded).
    assertThat(folded.rows()).isEqualTo(3403);
    assertThat(read.weights().embeddings()).hasSize(folded.rows() * folded.dimension());
    assertThat(read.weights().lstm().inputSize()).isEqualTo(folded.dimension());
    assertThat(read.weights().lstm().units()).isEqualTo(read.spec().units());
  }

  @Test
  void aJavaExportOfItsWeightsReadsBackBitForBit(@TempDir Path tmp) throws IOException {
    WeightsReader.Model keras = WeightsReader.read(DIR);
    Path java = tmp.resolve("java");

    ModelExporter.export(java, keras.spec(), keras.weights());

    WeightsReader.Model back = WeightsReader.read(java);
    assertThat(back.spec()).isEqualTo(keras.spec());
    assertThat(back.weights()).isEqualTo(keras.weights());
  }

  @Test
  void theDefaultSpecIsWhatTheReferenceWasBuiltWith() {
    assertThat(WeightsReader.read(DIR).spec()).isEqualTo(ModelSpec.defaults());
  }
}
