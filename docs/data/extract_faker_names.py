"""Extracts the multi-script name and word lists shipped as
src/main/resources/org/siameseangular/data/multiscript/names.txt from the Faker package.

Run (Python 3.11) in an empty directory:
    pip download --no-deps faker==40.63.0 && unzip -q faker-40.63.0-py3-none-any.whl -d faker_whl
    python3 extract_faker_names.py faker_whl > names.txt

Faker (https://github.com/joke2k/faker) is MIT-licensed; see MULTISCRIPT-README.txt next to
names.txt. Nothing here runs at build or run time: the output is checked in.

Output: UTF-8, LF. Lines starting with '#' are comments; '@ LANG SCRIPT CATEGORY' starts a
section; every other line is one entry of that section. Entries are NFC, single-spaced, made only
of letters and marks of SCRIPT plus the few separators in ALLOWED_PUNCTUATION, sorted by code
point and unique within their section. A section never has more than CAP entries: longer lists are
thinned to every k-th entry of the sorted list, so the choice is deterministic.
"""
import importlib
import sys
import unicodedata

CAP = 1200
LATIN_CAP = 500
MAX_LENGTH = 30  # code points
ALLOWED_PUNCTUATION = set(" -'.&\u00ab\u00bb\u05f3\u05f4")  # also « » and Hebrew geresh/gershayim

# Unicode character-name prefixes of each script's letters and marks.
SCRIPTS = {
    "latin": ("LATIN",),
    "cyrillic": ("CYRILLIC",),
    "greek": ("GREEK",),
    "arabic": ("ARABIC",),
    "hebrew": ("HEBREW",),
    "devanagari": ("DEVANAGARI",),
    "thai": ("THAI",),
    "han": ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"),
    "kana": ("HIRAGANA", "KATAKANA"),
    "hangul": ("HANGUL",),
    "georgian": ("GEORGIAN",),
    "armenian": ("ARMENIAN",),
}

# (language tag, script, Faker locales, {category: [(provider, attribute), ...]})
PERSON = {
    "given-m": [("person", "first_names_male")],
    "given-f": [("person", "first_names_female")],
    "given": [("person", "first_names")],
    "family-m": [("person", "last_names_male"), ("person", "male_last_names")],
    "family-f": [("person", "last_names_female")],
    "family": [("person", "last_names"), ("person", "unisex_last_names")],
}
PLACE = [("address", a) for a in (
    "cities", "city_names", "real_city_names", "provinces", "prefectures", "states", "regions",
    "region_names", "districts", "towns", "localities", "metropolitan_cities", "amphoes",
    "countries")]
WORD = [("lorem", "word_list")]
COMPANY = [("company", "large_companies"), ("company", "company_names")]
COMPANY_BASE = [("company", "company_prefixes"), ("company", "company_name_words")]


def full(extra=None):
    spec = dict(PERSON)
    spec["place"] = PLACE
    spec["word"] = WORD
    spec["company"] = COMPANY
    spec.update(extra or {})
    return spec


LANGUAGES = [
    ("de", "latin", ["de_DE"], full()),
    ("fr", "latin", ["fr_FR"], full()),
    ("es", "latin", ["es_ES"], full()),
    ("it", "latin", ["it_IT"], full()),
    ("pt", "latin", ["pt_BR"], full()),
    ("pl", "latin", ["pl_PL"], full()),
    ("cs", "latin", ["cs_CZ"], full()),
    ("hu", "latin", ["hu_HU"], full()),
    ("ro", "latin", ["ro_RO"], full()),
    ("sv", "latin", ["sv_SE"], full()),
    ("tr", "latin", ["tr_TR"], full()),
    ("hr", "latin", ["hr_HR"], full()),
    ("vi", "latin", ["vi_VN"], full()),
    ("en", "latin", ["en_US"], full()),
    ("ru", "cyrillic", ["ru_RU"], full()),
    ("uk", "cyrillic", ["uk_UA"], full()),
    ("bg", "cyrillic", ["bg_BG"], full()),
    ("el", "greek", ["el_GR"], full()),
    ("ar", "arabic", ["ar_AA", "ar_SA", "ar_PS"], full()),
    ("fa", "arabic", ["fa_IR"], full()),
    ("he", "hebrew", ["he_IL"], full({"word": []})),  # he_IL lorem is transliterated Latin nonsense
    ("hi", "devanagari", ["hi_IN"], full()),
    ("ne", "devanagari", ["ne_NP"], full()),
    ("mr", "devanagari", ["mr_IN"], full()),
    ("th", "thai", ["th_TH"], full()),
    ("zh-Hans", "han", ["zh_CN"], full({"company-base": COMPANY_BASE})),
    ("zh-Hant", "han", ["zh_TW"], full({"company-base": COMPANY_BASE})),
    ("ja", "han", ["ja_JP"], full()),
    ("ja", "kana", ["ja_JP"], full({
        "given-m": [("person", "first_kana_names_male")],
        "given-f": [("person", "first_kana_names_female")],
        "given": [],
        "family": [("person", "last_kana_names")],
    })),
    ("ko", "hangul", ["ko_KR"], full({"company-base": COMPANY_BASE})),
    ("ka", "georgian", ["ka_GE"], full()),
    ("hy", "armenian", ["hy_AM"], full()),
]


def provider(kind, locale):
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
    except ModuleNotFoundError:
        return None


def values(kind, locale, attribute):
    p = provider(kind, locale)
    if p is None or attribute not in vars(p):
        return []
    v = vars(p)[attribute]
    return list(v.keys()) if isinstance(v, dict) else list(v)


def clean(entry, script):
    s = unicodedata.normalize("NFC", entry).replace("\u00a0", " ").replace("\u2019", "'")
    s = " ".join(s.split())
    if not s or len(s) > MAX_LENGTH or s[0] in "-'. " or s[-1] in "-' ":
        return None
    letters = 0
    for c in s:
        if c in ALLOWED_PUNCTUATION:
            continue
        name = unicodedata.name(c, "")
        if c == "\u30fc" or (script == "kana" and c == "\u30fb"):
            continue  # KATAKANA-HIRAGANA PROLONGED SOUND MARK, KATAKANA MIDDLE DOT
        if not name.startswith(SCRIPTS[script]) or unicodedata.category(c)[0] not in "LM":
            return None
        letters += 1
    return s if letters else None


def thin(entries, cap):
    if len(entries) <= cap:
        return entries
    step = len(entries) / cap
    return [entries[int(i * step)] for i in range(cap)]


def main(root):
    sys.path.insert(0, root)
    import faker  # noqa: F401  (fails early if root is wrong)
    out = sys.stdout
    version = importlib.import_module("faker").VERSION
    out.write(f"# Extracted from Faker {version} (MIT licence) by docs/data/extract_faker_names.py;\n")
    out.write("# see MULTISCRIPT-README.txt. Format: '@ LANG SCRIPT CATEGORY', then one entry a line.\n")
    for lang, script, locales, spec in LANGUAGES:
        cap = LATIN_CAP if script == "latin" else CAP
        for category, sources in spec.items():
            # Gendered lists win; the plain list is used only when no gendered list exists.
            if category == "given" and any(values("person", l, "first_names_male") for l in locales):
                continue
            found = set()
            for locale in locales:
                for kind, attribute in sources:
                    for v in values(kind, locale, attribute):
                        if isinstance(v, str):
                            c = clean(v, script)
                            if c:
                                found.add(c)
            if category == "family":
                # Keep unisex family names only where no gendered split exists.
                gendered = set()
                for locale in locales:
                    for a in ("last_names_male", "last_names_female", "male_last_names"):
                        gendered.update(clean(v, script) for v in values("person", locale, a))
                found -= gendered
            entries = thin(sorted(found), cap)
            if entries:
                out.write(f"@ {lang} {script} {category}\n")
                for e in entries:
                    out.write(e + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
