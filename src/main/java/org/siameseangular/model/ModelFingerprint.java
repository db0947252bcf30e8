package org.siameseangular.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of the function a SavedModel computes: a SHA-256 over the files TensorFlow loads to
 * run it, {@code saved_model.pb} (or {@code .pbtxt}, the graph with its constants, such as the
 * input scaling and the cosine clip, and the signatures) and everything under {@code variables/}
 * and {@code assets/} (the weights, any vocabulary). Each file enters as its path relative to the
 * model (with {@code /}), a 0 byte, its length as 8 bytes and its bytes, in path order.
 *
 * <p>Why these files and not others: an embedding index is valid exactly as long as the embedding
 * function is unchanged, and these files define it. A digest of the weights alone would miss a
 * changed graph (the same weights under another input encoding embed differently); {@code
 * siamese-angular.json} and the training report are left out because they describe the model
 * without changing it, so storing a calibrated threshold in the metadata keeps every index built
 * with the model valid; {@code fingerprint.pb} (written by Python TensorFlow) is left out because
 * it only repeats hashes of the files above. A copy of the directory has the same fingerprint.
 * Re-exporting the same weights may write different bytes and so a different fingerprint: that
 * refuses an index that would still have worked, the safe direction. A behavioural fingerprint
 * (hashing the embeddings of probe strings) was rejected: the last bits of an embedding differ
 * between CPU kernels, so the same model would look different on another machine.
 */
public final class ModelFingerprint {
  /** The prefix of every fingerprint, naming the digest. */
  public static final String PREFIX = "sha256:";

  private ModelFingerprint() {}

  /** The fingerprint of the SavedModel in {@code dir}, {@code "sha256:"} and 64 hex digits. */
  public static String of(Path dir) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (String relative : files(dir)) {
      Path file = dir.resolve(relative);
      digest.update(relative.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(file)).array());
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return PREFIX + HexFormat.of().formatHex(digest.digest());
  }

  /** The relative paths that enter the digest, sorted. */
  private static List<String> files(Path dir) throws IOException {
    var out = new ArrayList<String>();
    for (String graph : List.of("saved_model.pb", "saved_model.pbtxt")) {
      if (Files.isRegularFile(dir.resolve(graph))) {
        out.add(graph);
      }
    }
    for (String sub : List.of("assets", "variables")) {
      Path root = dir.resolve(sub);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .map(
                p -> dir.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/"))
            .forEach(out::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    out.sort(null);
    return out;
  }
}
