package org.siameseangular.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The generated sets several test classes read, made once per test JVM. */
final class GeneratedSets {

  private GeneratedSets() {}

  private static final class HeldOut {
    static final List<TaggedPair> PAIRS = MultiScriptDataset.heldOut();
  }

  private static final class Training {
    static final List<TaggedPair> PAIRS = MultiScriptDataset.training();
  }

  /** {@link MultiScriptDataset#heldOut()}. */
  static List<TaggedPair> heldOut() {
    return HeldOut.PAIRS;
  }

  /** {@link MultiScriptDataset#training()}. */
  static List<TaggedPair> defaultTraining() {
    return Training.PAIRS;
  }

  /**
   * SHA-256, in hex, of the pairs as lines {@code left TAB right TAB label TAB kind TAB script}.
   */
  static String fingerprint(List<TaggedPair> pairs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (TaggedPair p : pairs) {
        String line =
            p.left()
                + '\t'
                + p.right()
                + '\t'
                + p.label()
                + '\t'
                + p.kind()
                + '\t'
                + p.script().tag()
                + '\n';
        sha.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
