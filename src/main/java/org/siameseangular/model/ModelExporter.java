package org.siameseangular.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.siameseangular.graph.LstmWeights;
import org.siameseangular.graph.ModelNames;
import org.siameseangular.graph.ModelSpec;
import org.siameseangular.graph.ModelWeights;
import org.siameseangular.graph.SessionConfig;
import org.siameseangular.graph.SiameseGraph;
import org.siameseangular.io.AtomicDirectory;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.io.TestHook;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes a SavedModel that Java, Python TensorFlow and Keras can load: tag {@code serve}; signature
 * {@code serving_default} ({@code left, right -> distance}) and {@code embed} ({@code text ->
 * embedding}); variables {@code lstm/kernel}, {@code lstm/recurrent_kernel}, {@code lstm/bias} and,
 * for the hashed encoding, {@code code_point_embedding/embeddings} (see {@link ModelNames}); plus
 * {@code siamese-angular.json} metadata ({@link ModelMetadata}). The export is built in a fresh
 * inference-only graph (no label, no optimizer) and moved into place atomically (see {@link
 * AtomicDirectory}).
 */
public final class ModelExporter {
  private ModelExporter() {}

  /** Exports {@code weights} with the metadata of a bare export of {@code spec}. */
  public static void export(Path dir, ModelSpec spec, ModelWeights weights) throws IOException {
    export(dir, ModelMetadata.describing(spec), weights, staged -> {});
  }

  /** As {@link #export(Path, ModelSpec, ModelWeights)} for an encoding without a table (scalar). */
  public static void export(Path dir, ModelSpec spec, LstmWeights weights) throws IOException {
    export(dir, spec, ModelWeights.of(weights));
  }

  /**
   * As {@link #export(Path, ModelMetadata, ModelWeights, ExtraFiles)} for an encoding without a
   * table (scalar).
   */
  public static void export(
      Path dir, ModelMetadata metadata, LstmWeights weights, ExtraFiles extras) throws IOException {
    export(dir, metadata, ModelWeights.of(weights), extras);
  }

  /** Writes files beside the model before it is moved into place (a report, say). */
  @FunctionalInterface
  public interface ExtraFiles {
    void write(Path stagedDirectory) throws IOException;
  }

  /**
   * Exports {@code weights} to {@code dir}, replacing a model already there, with {@code extras}
   * written into the same swap.
   *
   * @param metadata written as {@code siamese-angular.json}; its {@link ModelMetadata#spec()} is
   *     the function exported (start from {@link ModelMetadata#describing})
   */
  public static void export(
      Path dir, ModelMetadata metadata, ModelWeights weights, ExtraFiles extras)
      throws IOException {
    ModelSpec spec =
        metadata
            .spec()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the metadata lacks the model's shape: " + metadata));
    weights.requireFits(spec);
    if (!weights.allFinite()) {
      throw new IllegalStateException("refusing to export non-finite weights to " + dir);
    }
    checkTarget(dir);
    Path staged = AtomicDirectory.staging(dir);
    try {
      writeSavedModel(staged, spec, weights);
      TestHook.pause("export.staging", staged.toString());
      JsonCodec.writeFile(staged.resolve(ModelNames.METADATA_FILE), metadata);
      extras.write(staged);
      AtomicDirectory.replace(staged, dir);
    } finally {
      AtomicDirectory.deleteTree(staged);
    }
  }

  /**
   * Rewrites the {@code siamese-angular.json} of the model in {@code dir} with {@code change}
   * applied, atomically (a reader sees the old file or the new one). The SavedModel's own files,
   * and so its {@link ModelFingerprint} and every index built with it, stay as they are.
   *
   * @param fingerprint the fingerprint of the model the change was computed with: the model in
   *     {@code dir} must still have it
   * @return the metadata written
   * @throws ModelException if the model changed, or its metadata is unreadable or of a newer format
   */
  public static ModelMetadata updateMetadata(
      Path dir, String fingerprint, UnaryOperator<ModelMetadata> change) throws IOException {
    if (!ModelFingerprint.of(dir).equals(fingerprint)) {
      throw new ModelException(
          "the model at " + dir + " changed since it was loaded; nothing was written. Run again.");
    }
    Path file = dir.resolve(ModelNames.METADATA_FILE);
    ModelMetadata current = ModelMetadata.NONE;
    if (Files.exists(file)) {
      try {
        current = JsonCodec.read(file, ModelMetadata.class);
      } catch (IllegalArgumentException e) {
        throw new ModelException("cannot read " + e.getMessage(), e);
      }
    }
    if (current.formatVersion() != null && current.formatVersion() > ModelMetadata.VERSION) {
      throw new ModelException(
          file
              + " has format version "
              + current.formatVersion()
              + " (a newer siamese-angular wrote it); this version writes "
              + ModelMetadata.VERSION
              + " and would drop what it does not know. Use the newer version.");
    }
    ModelMetadata changed = change.apply(current);
    JsonCodec.writeFile(file, changed);
    return changed;
  }

  private static void writeSavedModel(Path staged, ModelSpec spec, ModelWeights weights)
      throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      SiameseGraph model = SiameseGraph.build(tf, spec, weights);
      Signature distance =
          Signature.builder()
              .key(ModelNames.DISTANCE_SIGNATURE)
              .methodName(ModelNames.PREDICT_METHOD)
              .input(ModelNames.LEFT, model.left)
              .input(ModelNames.RIGHT, model.right)
              .output(ModelNames.DISTANCE, model.distance)
              .build();
      Signature embed =
          Signature.builder()
              .key(ModelNames.EMBED_SIGNATURE)
              .methodName(ModelNames.PREDICT_METHOD)
              .input(ModelNames.TEXT, model.text)
              .output(ModelNames.EMBEDDING, model.textEmbedding)
              .build();
      try (Session session = new Session(graph, SessionConfig.DEFAULT)) {
        session.initialize();
        SavedModelBundle.exporter(staged.toString())
            .withTags(ModelNames.TAG)
            .withSession(session)
            .withFunction(session.function(distance))
            .withFunction(session.function(embed))
            .export();
      }
    }
  }

  /**
   * Checks, before any work, that a model can be written to {@code dir}: it is absent, an empty
   * directory, or a model (which the export replaces); and its nearest existing ancestor is a
   * writable directory. Never replace a directory that holds something other than a model.
   *
   * @throws ModelException saying what is in the way
   */
  public static void checkTarget(Path dir) throws IOException {
    AtomicDirectory.recover(dir);
    if (!Files.exists(dir)) {
      Path ancestor = dir.toAbsolutePath().getParent();
      while (ancestor != null && !Files.exists(ancestor)) {
        ancestor = ancestor.getParent();
      }
      if (ancestor != null && !Files.isDirectory(ancestor)) {
        throw new ModelException(
            "cannot write the model to " + dir + ": " + ancestor + " is a file, not a directory");
      }
      if (ancestor != null && !Files.isWritable(ancestor)) {
        throw new ModelException(
            "cannot write the model to " + dir + ": " + ancestor + " is not writable");
      }
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new ModelException(
          "cannot write the model to "
              + dir
              + ": it exists and is not a directory. Choose another output directory.");
    }
    boolean isModel = Files.exists(dir.resolve("saved_model.pb"));
    boolean empty;
    try (var entries = Files.list(dir)) {
      empty = entries.findAny().isEmpty();
    }
    if (!isModel && !empty) {
      throw new ModelException(
          "refusing to replace "
              + dir
              + ": it exists, is not empty and holds no saved_model.pb. Choose another output"
              + " directory.");
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isWritable(parent)) {
      throw new ModelException(
          "cannot replace the model at " + dir + ": " + parent + " is not writable");
    }
  }
}
