"""Latin ↔ Cyrillic spellings of names, so a search in one script finds a name kept in the other.

Kyrgyz and Russian names reach the portal in both scripts ("Абдрахматов", "Abdrakhmatov"), and
an editor may have filled only one of them. Search matches names by trigram similarity, which
forgives a letter or two, so a plain letter-by-letter mapping (the common passport-style
romanisation) is enough: the exact romanisation system does not matter.
"""

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kyrgyz letters.
    "ө": "o", "ү": "u", "ң": "ng",
}  # fmt: skip

# Longest first, so that "shch" wins over "sh" and "kh" over "k".
LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("w", "в"), ("x", "кс"), ("z", "з"),
]  # fmt: skip
VOWELS = set("aeiouаеёиоуыэюяөү")


def _keep_case(source: str, target: str) -> str:
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def to_latin(text: str) -> str:
    return "".join(_keep_case(char, CYRILLIC_TO_LATIN.get(char.lower(), char)) for char in text)


def to_cyrillic(text: str) -> str:
    out = []
    i = 0
    lower = text.lower()
    while i < len(text):
        if lower[i] == "y":
            # "y" is й after a vowel (Aidai → Айдай), ы elsewhere (Abdyrakhmanov → Абдырахманов).
            after_vowel = bool(out) and out[-1][-1:].lower() in VOWELS
            out.append(_keep_case(text[i], "й" if after_vowel else "ы"))
            i += 1
            continue
        for latin, cyrillic in LATIN_TO_CYRILLIC:
            if lower.startswith(latin, i):
                out.append(_keep_case(text[i], cyrillic))
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def spellings(text: str) -> list[str]:
    """The text as typed, then its spelling in the other script where that differs."""
    variants = [text]
    for converted in (to_cyrillic(text), to_latin(text)):
        if converted != text and converted not in variants:
            variants.append(converted)
    return variants
