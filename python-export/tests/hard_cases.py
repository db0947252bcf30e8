"""Hard string pairs shared by the tests (no TAB or newline: the Java score command reads TSV lines)."""
import reference


def hard_pairs():
    long_a = ("lorem ipsum dolor sit amet consectetur adipiscing elit " * 6)[:300]
    long_b = long_a[:299] + "!"
    extra = [
        ("a", "a"), ("a", "b"), ("q", "q"), ("é", "e"), ("ß", "ss"), ("😀", "😀"), ("😀", "🙂"), ("𠀋", "𠀋"),
        (long_a, long_a), (long_a, long_b), (long_a, long_a[::-1]), (long_a, "lorem"), ("x" * 300, "y" * 300),
        ("naïve café", "naive cafe"), ("東京タワー", "東京"), ("emoji 😀😀😀", "emoji"), ("𠀋𠀋𠀋 text", "text"),
    ]
    pairs = [p for p in reference.golden_pairs() + extra if not any(c in s for s in p for c in "\t\r\n")]
    return pairs
