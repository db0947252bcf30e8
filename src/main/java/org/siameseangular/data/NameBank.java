package org.siameseangular.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.siameseangular.data.Entity.Type;

/**
 * The entries of one {@link SourcePart} of {@code names.txt}, ready for drawing entities: per
 * language, given and family names by gender, places, words, companies and their alphabet.
 */
final class NameBank {

  static final double MIN_FOLDABLE_SHARE = 0.08;
  static final int NEAR_NAME_MAX_LENGTH = 6;
  static final int LOOK_ALIKES = 5;
  static final int LOOK_ALIKE_SAMPLE = 48;

  private static final Map<SourcePart, NameBank> BANKS = new EnumMap<>(SourcePart.class);

  private final Map<Language, Lists> byLanguage = new LinkedHashMap<>();

  private NameBank(NameData data, SourcePart part) {
    for (Language language : Language.ALL) {
      byLanguage.put(language, new Lists(data, language, part));
    }
  }

  /** The bank of a part, built once. */
  static synchronized NameBank of(SourcePart part) {
    return BANKS.computeIfAbsent(part, p -> new NameBank(NameData.all(), p));
  }

  Lists lists(Language language) {
    return byLanguage.get(language);
  }

  /** The entries of one language in one part. */
  static final class Lists {
    final Language language;
    final Alphabet alphabet;
    final List<String> givenMale;
    final List<String> givenFemale;
    final List<String> familyMale;
    final List<String> familyFemale;
    final List<String> places;
    final List<String> words;
    final List<String> companies;
    final List<String> companyNames;
    final List<String> allGiven;

    /** The given names of the resource, without generated ones. */
    final List<String> realGiven;

    final List<String> allFamily;

    Lists(NameData data, Language language, SourcePart part) {
      this.language = language;
      List<String> all = new ArrayList<>();
      for (NameCategory c : NameCategory.values()) {
        all.addAll(data.get(language, c));
      }
      alphabet = new Alphabet(all);
      List<String> realMale = data.get(language, NameCategory.GIVEN_M, part);
      List<String> realFemale = data.get(language, NameCategory.GIVEN_F, part);
      realGiven = concat(realMale, realFemale);
      List<String> gm = withGenerated(realMale, part);
      List<String> gf = withGenerated(realFemale, part);
      givenMale = gm.isEmpty() ? gf : gm;
      givenFemale = gf.isEmpty() ? gm : gf;
      List<String> unisex = data.get(language, NameCategory.FAMILY, part);
      familyMale = concat(data.get(language, NameCategory.FAMILY_M, part), unisex);
      familyFemale = concat(data.get(language, NameCategory.FAMILY_F, part), unisex);
      places = data.get(language, NameCategory.PLACE, part);
      words = data.get(language, NameCategory.WORD, part);
      companies = data.get(language, NameCategory.COMPANY, part);
      List<String> bases = data.get(language, NameCategory.COMPANY_BASE, part);
      allGiven = concat(givenMale, givenFemale);
      allFamily = concat(familyMale, familyFemale);
      companyNames = bases.isEmpty() ? allFamily : bases;
    }

    /**
     * The given names, plus up to twice as many generated from their syllables where the script's
     * lists are short ({@link SyllableNames}).
     */
    private List<String> withGenerated(List<String> given, SourcePart part) {
      if (!SyllableNames.applies(language.script())) {
        return given;
      }
      return concat(given, SyllableNames.generate(given, 2 * given.size(), part));
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      b.stream().filter(s -> !a.contains(s)).forEach(all::add);
      return List.copyOf(all);
    }

    /** True if entities of this type can be drawn. */
    boolean has(Type type) {
      return switch (type) {
        case PERSON -> !givenMale.isEmpty() && !familyMale.isEmpty() && !familyFemale.isEmpty();
        case GIVEN -> !givenMale.isEmpty();
        case FAMILY -> !familyMale.isEmpty();
        case COMPANY -> !companies.isEmpty() || !language.legalForms().isEmpty();
        case PLACE -> !places.isEmpty();
        case WORD -> !words.isEmpty();
      };
    }

    /** Draws an entity of this type; {@link #has} must be true. */
    Entity draw(Type type, SplittableRandom random) {
      boolean female = random.nextBoolean();
      return switch (type) {
        case PERSON -> person(female, random);
        case GIVEN -> Entity.single(language, type, pick(given(female), random));
        case FAMILY -> Entity.single(language, type, pick(family(female), random));
        case COMPANY -> company(random);
        case PLACE -> Entity.single(language, type, pick(places, random));
        case WORD -> Entity.single(language, type, pick(words, random));
      };
    }

    Entity person(boolean female, SplittableRandom random) {
      return Entity.person(
          language, pick(given(female), random), pick(family(female), random), female);
    }

    private Entity company(SplittableRandom random) {
      List<LegalForm> forms = language.legalForms();
      if (!companies.isEmpty() && (forms.isEmpty() || random.nextBoolean())) {
        String name = pick(companies, random);
        boolean bare = forms.isEmpty() || random.nextInt(3) == 0;
        return bare
            ? Entity.company(language, name, null, false)
            : Entity.company(language, name, pick(forms, random), random.nextBoolean());
      }
      String name = pick(companyNames, random);
      return Entity.company(language, name, pick(forms, random), random.nextBoolean());
    }

    /**
     * A different entity of the same type as x: for persons, half of the time one with the same
     * family name (a hard negative), else any other; for companies one with the same legal form.
     */
    Entity foil(Entity x, SplittableRandom random) {
      for (int attempt = 0; attempt < 50; attempt++) {
        Entity y =
            switch (x.type()) {
              case PERSON ->
                  random.nextBoolean()
                      ? Entity.person(
                          language, pick(given(x.female()), random), x.family(), x.female())
                      : person(x.female(), random);
              case COMPANY ->
                  x.form() == null
                      ? company(random)
                      : Entity.company(
                          language, pick(companyNames, random), x.form(), x.longForm());
              default -> draw(x.type(), random);
            };
        if (!y.text().equals(x.text())) {
          return y;
        }
      }
      return null;
    }

    private Map<Type, Boolean> foldable;
    private Map<String, List<String>> nearNames;
    private List<String> nearNameKeys;

    /**
     * True if enough entities of this type have diacritics to fold (at least {@value
     * #MIN_FOLDABLE_SHARE} of the entries), so that drawing until one is found ends quickly.
     */
    synchronized boolean foldable(Type type) {
      if (foldable == null) {
        foldable = new EnumMap<>(Type.class);
        double given = share(allGiven);
        double family = share(allFamily);
        foldable.put(Type.PERSON, 1 - (1 - given) * (1 - family) >= MIN_FOLDABLE_SHARE);
        foldable.put(Type.GIVEN, given >= MIN_FOLDABLE_SHARE);
        foldable.put(Type.FAMILY, family >= MIN_FOLDABLE_SHARE);
        foldable.put(Type.COMPANY, share(concat(companies, companyNames)) >= MIN_FOLDABLE_SHARE);
        foldable.put(Type.PLACE, share(places) >= MIN_FOLDABLE_SHARE);
        foldable.put(Type.WORD, share(words) >= MIN_FOLDABLE_SHARE);
      }
      return foldable.get(type);
    }

    private double share(List<String> entries) {
      if (entries.isEmpty()) {
        return 0;
      }
      long n = entries.stream().filter(e -> Diacritics.canFold(e, language)).count();
      return (double) n / entries.size();
    }

    /**
     * Short real given names (at most {@value #NEAR_NAME_MAX_LENGTH} code points) that have another
     * real given name of this part one edit away (substitution, insertion or deletion), each with
     * those neighbours; sorted by name.
     */
    synchronized Map<String, List<String>> nearNames() {
      if (nearNames == null) {
        nearNames = NearNames.of(realGiven, NEAR_NAME_MAX_LENGTH, language);
        nearNameKeys = List.copyOf(nearNames.keySet());
      }
      return nearNames;
    }

    /** The keys of {@link #nearNames()}, in order. */
    synchronized List<String> nearNameKeys() {
      nearNames();
      return nearNameKeys;
    }

    private final Map<List<String>, Map<String, List<String>>> lookAlikes = new IdentityHashMap<>();
    private final Map<List<String>, NearNames.Index> indexes = new IdentityHashMap<>();

    /**
     * A look-alike of entry from list: one of the {@value #LOOK_ALIKES} entries closest to it by
     * edit distance, at most 2 edits away and not a spelling variant of it; if there is none, the
     * closest of a sample. Cached, since entries recur.
     */
    synchronized String lookAlike(String entry, List<String> list, SplittableRandom random) {
      List<String> closest =
          lookAlikes
              .computeIfAbsent(list, l -> new HashMap<>())
              .computeIfAbsent(entry, e -> closest(e, list));
      return closest.isEmpty() ? null : pick(closest, random);
    }

    private List<String> closest(String entry, List<String> list) {
      List<String> near =
          indexes.computeIfAbsent(list, NearNames.Index::new).closest(entry, LOOK_ALIKES, language);
      if (!near.isEmpty()) {
        return near;
      }
      String sampled = closestOfSample(entry, list);
      return sampled == null ? List.of() : List.of(sampled);
    }

    /**
     * The entry closest to entry by edit distance among {@value #LOOK_ALIKE_SAMPLE} drawn from list
     * (first drawn wins ties; the draw is seeded by the entry, so the answer is fixed); null if
     * list has no other entry. Used where no entry is within two edits, as in the small held-out
     * lists.
     */
    private String closestOfSample(String entry, List<String> list) {
      SplittableRandom random = new SplittableRandom(entry.hashCode());
      int[] a = entry.codePoints().toArray();
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (int i = 0; i < LOOK_ALIKE_SAMPLE; i++) {
        String other = pick(list, random);
        if (other.equals(entry)) {
          continue;
        }
        int d = EditDistances.osa(a, other.codePoints().toArray(), bestDistance - 1);
        if (d < bestDistance && !NearNames.variants(entry, other, language)) {
          best = other;
          bestDistance = d;
        }
      }
      return best;
    }

    /**
     * A different entity that looks like x: for persons the same family name with a look-alike
     * given name, or the same given name with a look-alike family name; for companies a look-alike
     * name with the same legal form; else a look-alike entry of the same list. Null if none.
     */
    Entity lookAlike(Entity x, SplittableRandom random) {
      return switch (x.type()) {
        case PERSON -> {
          if (random.nextBoolean()) {
            String given = lookAlike(x.given(), given(x.female()), random);
            yield given == null ? null : Entity.person(language, given, x.family(), x.female());
          }
          String family = lookAlike(x.family(), family(x.female()), random);
          yield family == null ? null : Entity.person(language, x.given(), family, x.female());
        }
        case COMPANY -> {
          List<String> names = companies.contains(x.family()) ? companies : companyNames;
          String name = lookAlike(x.family(), names, random);
          yield name == null ? null : Entity.company(language, name, x.form(), x.longForm());
        }
        case GIVEN -> single(x, lookAlike(x.text(), allGiven, random));
        case FAMILY -> single(x, lookAlike(x.text(), allFamily, random));
        case PLACE -> single(x, lookAlike(x.text(), places, random));
        case WORD -> single(x, lookAlike(x.text(), words, random));
      };
    }

    private Entity single(Entity x, String text) {
      return text == null ? null : Entity.single(language, x.type(), text);
    }

    List<String> given(boolean female) {
      return female ? givenFemale : givenMale;
    }

    List<String> family(boolean female) {
      return female ? familyFemale : familyMale;
    }
  }

  static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
