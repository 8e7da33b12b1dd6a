"""`thb-review corpus merge`: add an exported annotation file to the corpus, only if it is valid.

The file is checked as a corpus file (schema, rule ids and labels) and against the corpus it joins
(ids, articles split across files, exact and near duplicates). Any problem refuses the whole
file with file:line messages; otherwise it is written into the corpus folder atomically, as a new
file, so the corpus is never left half-merged.
"""
from __future__ import annotations

from pathlib import Path

from corpus.schema import BUNDLED_DATA, CorpusError, corpus_files, read_corpus, read_jsonl, write_jsonl
from corpus.validate import NEAR_DUPLICATE, Problem, check_duplicates, check_identity, check_rules


def default_target(passages) -> Path:
    """The bundled corpus folder, or its language subfolder when the corpus is laid out by language."""
    languages = {p.language for p in passages}
    if len(languages) == 1:
        sub = BUNDLED_DATA / languages.pop()
        if sub.is_dir():
            return sub
    return BUNDLED_DATA


def check_merge(export: Path, into: Path, catalogue, threshold: float = NEAR_DUPLICATE):
    """(the export's passages, the target file, problems); raises CorpusError for an unreadable file."""
    new = read_jsonl(export)
    if not new:
        raise CorpusError(export, None, "the file holds no passages")
    target = into / (export.stem + ".jsonl")
    existing = read_corpus(into) if corpus_files(into) else []
    problems: list[Problem] = []
    if target.exists():
        problems.append(Problem("schema", str(export), f"{target} already exists in the corpus; rename the export"))
    problems += check_rules(new, catalogue)
    new_places = {f"{p.path}:{p.line}" for p in new}
    problems += [p for p in check_identity(existing + new) if p.where.split(", ")[0] in new_places
                 or any(w in p.message for w in new_places)]
    problems += [p for p in check_duplicates(existing + new, threshold) if p.where in new_places]
    return new, target, problems


def merge(export: Path | str, into: Path | str | None, catalogue, threshold: float = NEAR_DUPLICATE):
    """Check, then write. Returns (target file or None, problems)."""
    export = Path(export)
    new = read_jsonl(export)
    into = Path(into) if into else default_target(new)
    if not into.is_dir():
        raise CorpusError(into, None, "no such corpus folder")
    new, target, problems = check_merge(export, into, catalogue, threshold)
    if problems:
        return None, problems
    write_jsonl(new, target)
    return target, []
