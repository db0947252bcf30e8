package org.siameseangular.data;

import java.util.Locale;

/** The categories of entries in {@code multiscript/names.txt}; see MULTISCRIPT-README.txt. */
enum NameCategory {
  GIVEN_M,
  GIVEN_F,
  FAMILY_M,
  FAMILY_F,
  /** Family names without a gendered form. */
  FAMILY,
  PLACE,
  /** Real company names, used as they are. */
  COMPANY,
  /** Company name stems that take a legal form. */
  COMPANY_BASE,
  WORD;

  /** The tag in the resource, e.g. {@code given-m}. */
  String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static NameCategory ofTag(String tag) {
    for (NameCategory c : values()) {
      if (c.tag().equals(tag)) {
        return c;
      }
    }
    return null;
  }
}
