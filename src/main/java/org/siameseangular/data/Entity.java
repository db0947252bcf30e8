package org.siameseangular.data;

/**
 * A name drawn from the source lists, with its parts kept so that variations can restructure it.
 *
 * @param language its language
 * @param type what it names
 * @param given the given name of a person, else null
 * @param family the family name of a person, or the name a company's legal form wraps, else null
 * @param form a company's legal form, or null
 * @param longForm whether the legal form is written out
 * @param female the gender a person's given and family name agree in
 * @param text the name as written
 */
record Entity(
    Language language,
    Type type,
    String given,
    String family,
    LegalForm form,
    boolean longForm,
    boolean female,
    String text) {

  /** What an entity names. */
  enum Type {
    /** Given and family name, in the language's order. */
    PERSON,
    /** A given name alone. */
    GIVEN,
    /** A family name alone. */
    FAMILY,
    /** A company: a name and usually a legal form. */
    COMPANY,
    /** A city, region or country. */
    PLACE,
    /** A word. */
    WORD
  }

  static Entity person(Language language, String given, String family, boolean female) {
    return new Entity(
        language, Type.PERSON, given, family, null, false, female, render(language, given, family));
  }

  static Entity company(Language language, String name, LegalForm form, boolean longForm) {
    String text = form == null ? name : form.apply(name, longForm);
    return new Entity(language, Type.COMPANY, null, name, form, longForm, false, text);
  }

  static Entity single(Language language, Type type, String text) {
    return new Entity(language, type, null, null, null, false, false, text);
  }

  /** A person's full name in the language's usual order. */
  static String render(Language language, String given, String family) {
    return switch (language.order()) {
      case GIVEN_FAMILY -> given + " " + family;
      case FAMILY_GIVEN -> family + " " + given;
      case FAMILY_GIVEN_JOINED -> family + given;
    };
  }
}
