package org.siameseangular.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The side of the training / held-out split that a source entry belongs to.
 *
 * <p>The split depends on the entry text alone: the first 8 bytes of SHA-256 of its UTF-8 bytes,
 * read as a big-endian signed long, {@code floorMod} {@value #BUCKETS}; bucket 0 is {@link
 * #HELD_OUT} (about 20 % of entries), the others {@link #TRAINING}. A string listed under several
 * languages or categories is therefore on the same side everywhere, and the split never changes
 * with the seed or the size of a generated set.
 */
enum SourcePart {
  TRAINING,
  HELD_OUT;

  static final int BUCKETS = 5;

  /** The part that entry belongs to. */
  static SourcePart of(String entry) {
    return Math.floorMod(hash(entry), BUCKETS) == 0 ? HELD_OUT : TRAINING;
  }

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(SourcePart::sha256);

  static long hash(String entry) {
    byte[] digest = SHA_256.get().digest(entry.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
