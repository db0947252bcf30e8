package org.siameseangular.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of {@code multiscript/names.txt}, by language and category, split into parts.
 *
 * <p>The resource is shipped with the jar and validated when loaded: a section header names a known
 * language, script and category; every entry is non-empty, at most {@value #MAX_ENTRY_CODE_POINTS}
 * code points, made of characters of its script, and unique in its section. A bad resource is a bug
 * in the build, so it fails with IllegalStateException.
 */
final class NameData {

  static final String RESOURCE = "multiscript/names.txt";
  static final int MAX_ENTRY_CODE_POINTS = 30;

  /** Entries of each language (by {@link Language#key()}) and category, in resource order. */
  private final Map<String, Map<NameCategory, List<String>>> entries;

  /** The part of every entry, hashed once. */
  private final Map<String, SourcePart> parts = new HashMap<>();

  private NameData(Map<String, Map<NameCategory, List<String>>> entries) {
    this.entries = entries;
    for (var byCategory : entries.values()) {
      for (var list : byCategory.values()) {
        list.forEach(e -> parts.computeIfAbsent(e, SourcePart::of));
      }
    }
  }

  /** Loaded once, on first use. */
  private static final class All {
    static final NameData DATA = load();
  }

  static NameData all() {
    return All.DATA;
  }

  /** The entries of one category of one language; empty if the resource has none. */
  List<String> get(Language language, NameCategory category) {
    var byCategory = entries.get(language.key());
    return byCategory == null ? List.of() : byCategory.getOrDefault(category, List.of());
  }

  /** The entries of one category of one language that belong to part. */
  List<String> get(Language language, NameCategory category, SourcePart part) {
    return get(language, category).stream().filter(e -> parts.get(e) == part).toList();
  }

  /** Total number of entries. */
  int size() {
    return entries.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
  }

  private static NameData load() {
    InputStream stream = NameData.class.getResourceAsStream(RESOURCE);
    if (stream == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
    }
    Map<String, Map<NameCategory, List<String>>> entries = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      List<String> section = null;
      Language language = null;
      int lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("@ ")) {
          String[] f = line.substring(2).split(" ");
          NameCategory category = f.length == 3 ? NameCategory.ofTag(f[2]) : null;
          language = f.length == 3 ? Language.byKey(f[0] + " " + f[1]) : null;
          if (category == null || language == null) {
            throw bad(lineNumber, "unknown section " + line);
          }
          section = new ArrayList<>();
          var previous =
              entries
                  .computeIfAbsent(language.key(), k -> new EnumMap<>(NameCategory.class))
                  .put(category, section);
          if (previous != null) {
            throw bad(lineNumber, "duplicate section " + line);
          }
          continue;
        }
        if (section == null) {
          throw bad(lineNumber, "entry before the first section");
        }
        String problem = problem(line, language.script());
        if (problem != null) {
          throw bad(lineNumber, problem + ": " + line);
        }
        section.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
    for (var byCategory : entries.values()) {
      byCategory.replaceAll((c, list) -> Collections.unmodifiableList(list));
      for (var list : byCategory.values()) {
        if (list.stream().distinct().count() != list.size()) {
          throw new IllegalStateException(RESOURCE + ": duplicate entry in a section");
        }
      }
    }
    return new NameData(entries);
  }

  private static String problem(String entry, Script script) {
    int length = entry.codePointCount(0, entry.length());
    if (length == 0 || length > MAX_ENTRY_CODE_POINTS) {
      return "entry must have 1 to " + MAX_ENTRY_CODE_POINTS + " code points";
    }
    if (!entry.strip().equals(entry) || entry.contains("  ")) {
      return "entry has stray spaces";
    }
    if (!entry.codePoints().allMatch(script::admits)) {
      return "entry has characters outside script " + script.tag();
    }
    if (entry.codePoints().noneMatch(Character::isLetter)) {
      return "entry has no letter";
    }
    return null;
  }

  private static IllegalStateException bad(int line, String message) {
    return new IllegalStateException(RESOURCE + ":" + line + ": " + message);
  }
}
