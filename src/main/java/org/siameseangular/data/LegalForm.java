package org.siameseangular.data;

/**
 * A company's legal form, as a template around the company's name in its abbreviated and its
 * written-out form; {@code %s} stands for the name.
 *
 * <p>For example German {@code "%s GmbH"} / {@code "%s Gesellschaft mit beschränkter Haftung"},
 * Russian {@code "ООО «%s»"} / {@code "Общество с ограниченной ответственностью «%s»"}, Japanese
 * {@code "(株)%s"} / {@code "株式会社%s"}. The tables (in {@link Language}) list the forms of the
 * company law of each country as written in company registers; a form without a commonly used long
 * spelling has {@code longForm == null} and is used only in its short form.
 *
 * @param shortForm the abbreviated template
 * @param longForm the written-out template, or null
 */
record LegalForm(String shortForm, String longForm) {

  LegalForm {
    if (!shortForm.contains("%s") || (longForm != null && !longForm.contains("%s"))) {
      throw new IllegalArgumentException("a legal form template needs %s: " + shortForm);
    }
  }

  static LegalForm form(String shortForm, String longForm) {
    return new LegalForm(shortForm, longForm);
  }

  static LegalForm only(String shortForm) {
    return new LegalForm(shortForm, null);
  }

  String apply(String name, boolean longSpelling) {
    return (longSpelling && longForm != null ? longForm : shortForm).replace("%s", name);
  }
}
