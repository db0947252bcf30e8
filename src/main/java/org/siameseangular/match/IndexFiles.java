package org.siameseangular.match;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.siameseangular.io.AtomicDirectory;
import org.siameseangular.io.JsonCodec;
import org.siameseangular.model.SimilarityModel;

/**
 * The on-disk form of an index: a directory of little-endian files described by {@code index.json}.
 *
 * <pre>
 *   index.json      format, version, kind, the model's fingerprint, sizes, HNSW settings,
 *                   and each file's length and CRC-32C
 *   candidates.bin  per candidate: int32 byte length, UTF-8 bytes
 *   distinct.i32    per candidate: int32 distinct id (first-occurrence order)
 *   vectors.f32     per distinct string: the normalised embedding, float32 x dimensions
 *   graph.i32       (hnsw) int32 size, levels, entry node; per level: [level &gt; 0: count, nodes],
 *                   count + 1 offsets, neighbours
 * </pre>
 *
 * Writing goes to a hidden sibling that is renamed into place ({@link AtomicDirectory}). Reading
 * checks the model first (cheap, before any large file), then each file's length, structure and
 * checksum; any failure is an {@link IndexException} that names the file, and nothing is written.
 */
final class IndexFiles {
  static final String MANIFEST = "index.json";
  static final String FORMAT = "siamese-angular-index";
  static final int VERSION = 1;
  private static final String CANDIDATES = "candidates.bin";
  private static final String DISTINCT = "distinct.i32";
  private static final String VECTORS = "vectors.f32";
  private static final String GRAPH = "graph.i32";

  /** Which index a directory holds. */
  enum Kind {
    EXACT,
    HNSW;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private IndexFiles() {}

  static void save(
      Path dir, Kind kind, Candidates c, float[] rows, NeighborGraph graph, HnswSettings settings)
      throws IOException {
    refuseNonIndexDirectory(dir);
    Path staged = AtomicDirectory.staging(dir);
    try {
      var files = new LinkedHashMap<String, IndexManifest.FileEntry>();
      files.put(
          CANDIDATES,
          write(
              staged.resolve(CANDIDATES),
              w -> {
                for (String t : c.texts) {
                  byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
                  w.writeInt(utf8.length);
                  w.writeBytes(utf8);
                }
              }));
      files.put(DISTINCT, write(staged.resolve(DISTINCT), w -> w.writeInts(c.distinctOf)));
      files.put(VECTORS, write(staged.resolve(VECTORS), w -> w.writeFloats(rows)));
      if (kind == Kind.HNSW) {
        files.put(GRAPH, write(staged.resolve(GRAPH), w -> writeGraph(w, graph)));
      }
      var m =
          new IndexManifest(
              FORMAT,
              VERSION,
              kind.tag(),
              c.modelFingerprint,
              c.head.clipEpsilon(),
              c.dimensions,
              c.size(),
              c.distinctCount(),
              kind == Kind.HNSW ? IndexManifest.Hnsw.of(settings) : null,
              files);
      Files.writeString(
          staged.resolve(MANIFEST), JsonCodec.write(m) + "\n", StandardCharsets.UTF_8);
      AtomicDirectory.replace(staged, dir);
    } finally {
      AtomicDirectory.deleteTree(staged);
    }
  }

  @FunctionalInterface
  private interface Body {
    void write(LittleEndian.Writer w) throws IOException;
  }

  private static IndexManifest.FileEntry write(Path file, Body body) throws IOException {
    var w = new LittleEndian.Writer(file);
    try (w) {
      body.write(w);
    }
    return new IndexManifest.FileEntry(w.bytes(), Long.toHexString(w.crc()));
  }

  private static void writeGraph(LittleEndian.Writer w, NeighborGraph g) throws IOException {
    w.writeInt(g.size);
    w.writeInt(g.numLevels());
    w.writeInt(g.entryNode);
    for (int l = 0; l < g.numLevels(); l++) {
      if (l > 0) {
        w.writeInt(g.nodes[l].length);
        w.writeInts(g.nodes[l]);
      }
      w.writeInts(g.offsets[l]);
      w.writeInts(g.neighbors[l]);
    }
  }

  /**
   * Never replace a directory that holds something other than an index, and say so before the work
   * when the place cannot be written.
   */
  static void refuseNonIndexDirectory(Path dir) throws IOException {
    AtomicDirectory.recover(dir);
    Path existing = dir.toAbsolutePath().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && (!Files.isDirectory(existing) || !Files.isWritable(existing))) {
      throw new IndexException(
          "cannot write the index to "
              + dir
              + ": "
              + existing
              + (Files.isDirectory(existing) ? " is not writable" : " is not a directory"));
    }
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new IndexException(
          "cannot write the index to " + dir + ": it exists and is not a directory");
    }
    boolean empty;
    try (var entries = Files.list(dir)) {
      empty = entries.findAny().isEmpty();
    }
    if (!empty && !Files.isRegularFile(dir.resolve(MANIFEST))) {
      throw new IndexException(
          "refusing to replace "
              + dir
              + ": it exists, is not empty and holds no "
              + MANIFEST
              + ". Choose another directory for the index.");
    }
  }

  static CandidateIndex load(Path dir, SimilarityModel model) throws IOException {
    AtomicDirectory.recover(dir);
    if (!Files.exists(dir)) {
      throw new IndexException("no index at " + dir + ": the directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new IndexException(
          "no index at " + dir + ": it is a file, expected a directory written by save");
    }
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new IndexException(
          dir
              + " is not an index: "
              + MANIFEST
              + " is missing (expected a directory"
              + " written by CandidateIndex.save)");
    }
    var m = new Manifest(manifestFile);
    Kind kind = m.kind();
    String built = m.required(m.json.modelFingerprint(), "modelFingerprint");
    if (!built.equals(model.fingerprint())) {
      throw new IndexException(
          "the index at "
              + dir
              + " was built with another model: its model fingerprint is "
              + built
              + ", the model at "
              + model.directory()
              + " has "
              + model.fingerprint()
              + ". Load the model it was built with, or rebuild the index with this one.");
    }
    float clip = m.required(m.json.clipEpsilon(), "clipEpsilon");
    AngularDistance head = AngularDistance.of(model);
    if (clip != head.clipEpsilon()) {
      throw new IndexException(
          "the index at "
              + dir
              + " was built for a cosine clip of "
              + clip
              + " but the model's metadata says "
              + head.clipEpsilon()
              + "; rebuild the index");
    }
    int dims = m.count(m.json.dimensions(), "dimensions");
    int n = m.count(m.json.candidates(), "candidates");
    int distinct = m.count(m.json.distinct(), "distinct");
    if (n < 1 || dims < 1 || distinct < 1 || distinct > n) {
      throw m.damaged("candidates " + n + ", distinct " + distinct + ", dimensions " + dims);
    }
    m.checkLength(dir, CANDIDATES, -1);
    m.checkLength(dir, DISTINCT, 4L * n);
    m.checkLength(dir, VECTORS, 4L * distinct * dims);
    if (kind == Kind.HNSW) {
      m.checkLength(dir, GRAPH, -1);
    }
    List<String> texts = m.read(dir, CANDIDATES, r -> readTexts(r, n));
    int[] distinctOf =
        m.read(
            dir,
            DISTINCT,
            r -> {
              int[] a = new int[n];
              r.readInts(a);
              return a;
            });
    float[] rows =
        m.read(
            dir,
            VECTORS,
            r -> {
              float[] a = new float[distinct * dims];
              r.readFloats(a);
              return a;
            });
    Candidates c;
    try {
      c = new Candidates(texts, distinctOf, dims, built, head);
    } catch (IllegalArgumentException e) {
      throw new IndexException(
          "index file "
              + dir.resolve(DISTINCT)
              + " is damaged: "
              + e.getMessage()
              + "; rebuild the index",
          e);
    }
    if (c.distinctCount() != distinct) {
      throw m.damaged(
          DISTINCT
              + " holds "
              + c.distinctCount()
              + " distinct strings, "
              + MANIFEST
              + " says "
              + distinct);
    }
    if (kind == Kind.EXACT) {
      return new ExactIndex(model, c, rows);
    }
    NeighborGraph graph = m.read(dir, GRAPH, IndexFiles::readGraph);
    try {
      return new HnswIndex(model, c, rows, graph, m.hnswSettings());
    } catch (IllegalArgumentException e) {
      throw new IndexException(
          "index file "
              + dir.resolve(GRAPH)
              + " is damaged: "
              + e.getMessage()
              + "; rebuild the index",
          e);
    }
  }

  private static List<String> readTexts(LittleEndian.Reader r, int n) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    var out = new ArrayList<String>(n);
    for (int i = 0; i < n; i++) {
      byte[] utf8 = r.readBytes(r.readInt());
      try {
        out.add(decoder.decode(ByteBuffer.wrap(utf8)).toString());
      } catch (CharacterCodingException e) {
        throw new LittleEndian.Damaged("candidate " + i + " is not valid UTF-8");
      }
    }
    return List.copyOf(out);
  }

  private static NeighborGraph readGraph(LittleEndian.Reader r) throws IOException {
    int size = r.readInt();
    int levels = r.readInt();
    int entry = r.readInt();
    if (size < 1 || levels < 1 || levels > 64) {
      throw new LittleEndian.Damaged("a graph of " + size + " nodes on " + levels + " levels");
    }
    int[][] nodes = new int[levels][];
    int[][] offsets = new int[levels][];
    int[][] neighbors = new int[levels][];
    for (int l = 0; l < levels; l++) {
      int count = size;
      if (l > 0) {
        count = r.readInt();
        nodes[l] = new int[checkedCount(r, count)];
        r.readInts(nodes[l]);
      }
      offsets[l] = new int[checkedCount(r, count + 1L)];
      r.readInts(offsets[l]);
      neighbors[l] = new int[checkedCount(r, offsets[l][count])];
      r.readInts(neighbors[l]);
    }
    try {
      return new NeighborGraph(size, entry, nodes, offsets, neighbors);
    } catch (IllegalArgumentException e) {
      throw new LittleEndian.Damaged(e.getMessage());
    }
  }

  /** A count of ints that the rest of the file can hold. */
  private static int checkedCount(LittleEndian.Reader r, long count) throws IOException {
    if (count < 0 || 4 * count > r.remaining()) {
      throw new LittleEndian.Damaged(
          "a count of " + count + " with " + r.remaining() + " bytes left");
    }
    return (int) count;
  }

  @FunctionalInterface
  private interface Parse<T> {
    T read(LittleEndian.Reader r) throws IOException;
  }

  /** The manifest, with the checks that name it in their messages. */
  private static final class Manifest {
    private final Path file;
    final IndexManifest json;

    Manifest(Path file) throws IOException {
      this.file = file;
      IndexManifest parsed;
      try {
        parsed =
            JsonCodec.read(Files.readString(file, StandardCharsets.UTF_8), IndexManifest.class);
      } catch (CharacterCodingException e) {
        throw damaged("it is not valid JSON (" + e.getMessage() + ")");
      } catch (IllegalArgumentException e) {
        throw damaged(
            e.getMessage().startsWith("malformed JSON")
                ? "it is not valid JSON (" + e.getMessage() + ")"
                : "it does not hold a manifest (" + e.getMessage() + ")");
      }
      if (parsed == null || !FORMAT.equals(parsed.format())) {
        throw new IndexException(
            file + " is not an index manifest: expected \"format\": \"" + FORMAT + "\"");
      }
      json = parsed;
      int version = count(json.formatVersion(), "formatVersion");
      if (version != VERSION) {
        throw new IndexException(
            file
                + " has format version "
                + version
                + "; this build reads version "
                + VERSION
                + (version > VERSION ? " (written by a newer siamese-angular?)" : "")
                + ". Rebuild the index.");
      }
    }

    Kind kind() {
      String k = required(json.kind(), "kind");
      for (Kind kind : Kind.values()) {
        if (kind.tag().equals(k)) {
          return kind;
        }
      }
      throw damaged("unknown kind \"" + k + "\", expected exact or hnsw");
    }

    <T> T required(T value, String key) {
      if (value == null) {
        throw damaged("\"" + key + "\" is missing");
      }
      return value;
    }

    int count(Integer value, String key) {
      int v = required(value, key);
      if (v < 0) {
        throw damaged("\"" + key + "\" is " + v + ", expected a whole number");
      }
      return v;
    }

    HnswSettings hnswSettings() {
      IndexManifest.Hnsw h = required(json.hnsw(), "hnsw");
      try {
        return new HnswSettings(
            required(h.maxConnections(), "hnsw.maxConnections"),
            required(h.beamWidth(), "hnsw.beamWidth"),
            required(h.searchBeam(), "hnsw.searchBeam"));
      } catch (IllegalArgumentException e) {
        throw damaged("\"hnsw\" does not hold valid settings (" + e.getMessage() + ")");
      }
    }

    private IndexManifest.FileEntry entry(String name) {
      IndexManifest.FileEntry e = json.files() == null ? null : json.files().get(name);
      if (e != null) {
        return e;
      }
      throw damaged("it does not describe " + name);
    }

    /** Checks the file's length against the manifest (and {@code expected}, unless negative). */
    void checkLength(Path dir, String name, long expected) throws IOException {
      Path p = dir.resolve(name);
      if (!Files.isRegularFile(p)) {
        throw new IndexException("index file " + p + " is missing; rebuild the index");
      }
      Long listed = entry(name).bytes();
      if (listed == null || (expected >= 0 && listed != expected)) {
        throw damaged(
            "the length of "
                + name
                + " is "
                + listed
                + (expected >= 0 ? ", expected " + expected : ""));
      }
      long actual = Files.size(p);
      if (actual != listed) {
        throw new IndexException(
            "index file "
                + p
                + " is "
                + (actual < listed ? "truncated" : "too long")
                + ": "
                + actual
                + " bytes, expected "
                + listed
                + "; rebuild the index");
      }
    }

    /** Reads all of {@code name}, checking its structure, its end and its CRC-32C. */
    <T> T read(Path dir, String name, Parse<T> body) throws IOException {
      Path p = dir.resolve(name);
      try (var r = new LittleEndian.Reader(p)) {
        T value = body.read(r);
        if (r.remaining() != 0) {
          throw new LittleEndian.Damaged(r.remaining() + " bytes remain after its contents");
        }
        String crc = Long.toHexString(r.crc());
        if (!crc.equals(entry(name).crc32c())) {
          throw new LittleEndian.Damaged(
              "its checksum is " + crc + ", " + MANIFEST + " says " + entry(name).crc32c());
        }
        return value;
      } catch (LittleEndian.Damaged e) {
        throw new IndexException(
            "index file " + p + " is damaged: " + e.getMessage() + "; rebuild the index", e);
      }
    }

    IndexException damaged(String what) {
      return new IndexException(
          "index manifest " + file + " is damaged: " + what + "; rebuild the index");
    }
  }
}
