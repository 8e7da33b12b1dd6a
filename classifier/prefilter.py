"""Words a regular expression cannot match without, so that a pattern whose words are absent
from a text is not run over it at all (most of the catalogue's patterns, for most articles).

Read from Python's own parse of the pattern: a run of literal characters in the pattern's
main sequence is required; a group or an alternation is required as "any of" its branches'
requirements. The longest requirement is kept. Matching is case-insensitive, so literals and
text are compared after `fold` (lower case, Turkish i variants made one).
"""
from __future__ import annotations

import re
from re import _constants as C, _parser as parser

from classifier.textfold import fold

MIN_LENGTH = 3        # shorter literals ("a", "of") are in nearly every text and save nothing


def _alternatives(items) -> set[str] | None:
    """Strings of which at least one occurs in every match of this sequence, or None."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(len(s) >= MIN_LENGTH for s in candidate):
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    def close_run() -> None:
        if run:
            consider({fold("".join(run))})
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        if op is C.SUBPATTERN:
            consider(_alternatives(av[-1]))
        elif op is C.BRANCH:
            options: set[str] = set()
            for branch in av[1]:
                found = _alternatives(branch)
                if not found:
                    options = set()
                    break
                options |= found
            consider(options or None)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_alternatives(av[2]))
        elif op is C.ATOMIC_GROUP:
            consider(_alternatives(av))
    close_run()
    return best


def required_words(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Folded strings of which at least one must occur for `pattern` to match; None if unknown."""
    try:
        found = _alternatives(parser.parse(pattern, flags))
    except (re.error, RecursionError):
        return None
    return frozenset(found) if found else None
