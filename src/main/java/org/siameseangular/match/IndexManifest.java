package org.siameseangular.match;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code index.json}: what an index directory holds, as {@link IndexFiles} writes and reads it
 * (through {@link org.siameseangular.io.JsonCodec}, keys in component order). Every component may
 * be null when read from a damaged file; {@link IndexFiles} checks each one it uses and names it.
 *
 * @param format {@value IndexFiles#FORMAT}
 * @param formatVersion the layout, {@value IndexFiles#VERSION}
 * @param kind {@code exact} or {@code hnsw}
 * @param modelFingerprint the {@link org.siameseangular.model.ModelFingerprint} of the model that
 *     embedded the candidates
 * @param clipEpsilon the model's cosine clip, which the stored distances depend on
 * @param dimensions the embedding size
 * @param candidates the number of candidates, duplicates included
 * @param distinct the number of distinct candidate strings (rows of {@code vectors.f32})
 * @param hnsw the graph's settings ({@code hnsw} indexes only)
 * @param files each data file's length and checksum, by file name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record IndexManifest(
    String format,
    Integer formatVersion,
    String kind,
    String modelFingerprint,
    Float clipEpsilon,
    Integer dimensions,
    Integer candidates,
    Integer distinct,
    Hnsw hnsw,
    Map<String, FileEntry> files) {

  IndexManifest {
    files = files == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The settings of {@link HnswSettings}, as stored. */
  record Hnsw(Integer maxConnections, Integer beamWidth, Integer searchBeam) {
    static Hnsw of(HnswSettings s) {
      return new Hnsw(s.maxConnections(), s.beamWidth(), s.searchBeam());
    }
  }

  /**
   * One data file.
   *
   * @param bytes its length
   * @param crc32c the CRC-32C of its bytes, in lower-case hex without leading zeros
   */
  record FileEntry(Long bytes, String crc32c) {}
}
