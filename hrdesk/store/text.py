"""Text keys for searching and sorting names in Kyrgyz order."""

from __future__ import annotations

# The Kyrgyz alphabet, with the Russian-only letters where Russian puts them.
_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
_ORDER = str.maketrans({ch: chr(0x3000 + i) for i, ch in enumerate(_ALPHABET)})


def sort_key(text: str | None) -> str:
    """A string whose code-point order is the Kyrgyz alphabetical order (ң after н, ө after о,
    ү after у), case-insensitive. Latin and digits sort before Cyrillic."""
    if not text:
        return ""
    return text.lower().translate(_ORDER)


def search_key(text: str | None) -> str:
    """Lower-cased text for substring search (SQLite's LIKE folds ASCII only)."""
    return (text or "").lower().replace("ё", "е")
