package org.siameseangular.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The built-in training set: English words paired with typos of themselves or with other words.
 *
 * <p>Words come from the resource {@code words.txt}, a subset of SCOWL (see {@code
 * WORDS-LICENSE.txt} next to it). Half the pairs are similar: a word and a realistic typo of it,
 * the {@link TypoKind} drawn uniformly. Half are dissimilar: a word and an independently drawn
 * different word. Every left word is distinct, so no word dominates. The list is shuffled, so any
 * tail of it (callers hold out the last 10% for validation) mixes both classes. The result depends
 * only on the seed.
 */
public final class DefaultDataset {

  /** Pairs in the dataset: 8,000 per class, about the size of a small real name-matching set. */
  public static final int DEFAULT_SIZE = 16_000;

  /** Seed of {@link #defaultPairs()}. */
  public static final long DEFAULT_SEED = 42;

  /** The {@link KindedPair#kind()} of a dissimilar pair. */
  public static final String NEGATIVE_KIND = "different-words";

  private static final String WORDS_RESOURCE = "words.txt";
  private static final Pattern WORD = Pattern.compile("[a-z]{4,12}");
  private static final TypoKind[] KINDS = TypoKind.values();

  private DefaultDataset() {}

  /** Loaded on first use, not when the class is merely referenced. */
  private static final class Words {
    static final List<String> LIST = load();
  }

  /** Generated on first use. */
  private static final class Default {
    static final List<Pair> PAIRS = generate(DEFAULT_SEED);
  }

  /**
   * Generates the dataset for a seed.
   *
   * @return {@link #DEFAULT_SIZE} pairs, half of each label, shuffled; unmodifiable
   */
  public static List<Pair> generate(long seed) {
    return generateWithKinds(seed).stream().map(KindedPair::pair).toList();
  }

  /**
   * Generates the same pairs as {@link #generate(long)}, each tagged with its {@link
   * TypoKind#tag()} or, for dissimilar pairs, {@link #NEGATIVE_KIND}.
   */
  public static List<KindedPair> generateWithKinds(long seed) {
    List<String> words = Words.LIST;
    SplittableRandom random = new SplittableRandom(seed);
    int half = DEFAULT_SIZE / 2;
    WordDraw lefts = new WordDraw(words.size(), random);
    List<KindedPair> pairs = new ArrayList<>(DEFAULT_SIZE);
    while (pairs.size() < half) {
      String word = words.get(lefts.next());
      TypoKind kind = KINDS[random.nextInt(KINDS.length)];
      String typo = kind.apply(word, random);
      if (typo != null) {
        pairs.add(new KindedPair(new Pair(word, typo, Pair.SIMILAR), kind.tag()));
      }
    }
    while (pairs.size() < DEFAULT_SIZE) {
      String left = words.get(lefts.next());
      String right = words.get(random.nextInt(words.size()));
      if (!right.equals(left)) {
        pairs.add(new KindedPair(new Pair(left, right, Pair.DISSIMILAR), NEGATIVE_KIND));
      }
    }
    shuffle(pairs, random);
    return Collections.unmodifiableList(pairs);
  }

  /** {@link #generate(long)} with {@link #DEFAULT_SEED}, computed once. */
  public static List<Pair> defaultPairs() {
    return Default.PAIRS;
  }

  /** The word list, sorted; unmodifiable. */
  public static List<String> words() {
    return Words.LIST;
  }

  /** One line naming the word list and its licence, for model metadata. */
  public static String sourceDescription() {
    return String.format(
        Locale.ROOT,
        "%,d English words from SCOWL by Kevin Atkinson (Debian package wamerican 2020.12.07-2),"
            + " SCOWL licence, see org/siameseangular/data/WORDS-LICENSE.txt",
        Words.LIST.size());
  }

  /** Fisher-Yates shuffle driven by the generator's own random stream. */
  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  /** Draws distinct word indices in random order: a lazy Fisher-Yates shuffle. */
  private static final class WordDraw {
    private final int[] order;
    private final SplittableRandom random;
    private int drawn;

    WordDraw(int size, SplittableRandom random) {
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      this.random = random;
    }

    int next() {
      if (drawn == order.length) {
        throw new IllegalStateException("word list too short for " + DEFAULT_SIZE + " pairs");
      }
      int j = drawn + random.nextInt(order.length - drawn);
      int chosen = order[j];
      order[j] = order[drawn];
      order[drawn++] = chosen;
      return chosen;
    }
  }

  private static List<String> load() {
    InputStream stream = DefaultDataset.class.getResourceAsStream(WORDS_RESOURCE);
    if (stream == null) {
      throw new IllegalStateException("resource " + WORDS_RESOURCE + " is missing from the jar");
    }
    List<String> words = new ArrayList<>(30_000); // words.txt has 29,938 lines
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!WORD.matcher(line).matches()) {
          throw new IllegalStateException("bad line in " + WORDS_RESOURCE + ": " + line);
        }
        words.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + WORDS_RESOURCE, e);
    }
    return List.copyOf(words);
  }
}
