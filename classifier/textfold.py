"""Case folding for lookups: one definition shared by the lexicon index and the pattern prefilter."""
from __future__ import annotations


def fold(text: str) -> str:
    """Lower case for lookups. Turkish dotted and dotless i (İ, I, ı, i) all become "i", so a
    term matches however a newspaper cased it ("İSTANBUL" lowers to "i̇stanbul" otherwise)."""
    return text.lower().replace("i\u0307", "i").replace("ı", "i").replace("’", "'")
