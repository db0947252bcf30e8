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
 * The hashed Keras reference ({@code models/keras-reference-hashed}, written by {@code
 * python-export/reference.py}): its weights map onto the Java graph by role (the code-point table
 * among a Keras export's duplicated handles), and a Java export of them reads back bit for bit.
 * Skipped where the reference is not in the tree.
 */
class KerasHashedReferenceTest {
  private static final Path DIR = Path.of("models", "keras-reference-hashed");

  @BeforeEach
  void requireTheReference() {
    assumeTrue(Files.isRegularFile(DIR.resolve("saved_model.pb")), DIR + " is not in the tree");
  }

  @Test
  void itsMetadataGivesTheHashedSpecAndTheTableMapsByRole() {
    WeightsReader.Model read = WeightsReader.read(DIR);

    assertThat(read.spec().encoding()).isInstanceOf(InputEncoding.Hashed.class);
    var hashed = (InputEncoding.Hashed) read.spec().encoding();
    assertThat(read.weights().embeddings()).hasSize(hashed.rows() * hashed.dimension());
    assertThat(read.weights().lstm().inputSize()).isEqualTo(hashed.dimension());
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
  void theReferenceIsTheDefaultHashedModel() {
    assertThat(WeightsReader.read(DIR).spec()).isEqualTo(ModelSpec.hashed(ModelSpec.DEFAULT_UNITS));
  }
}
