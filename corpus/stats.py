"""Counts of a corpus by label, rule, language, source kind and more."""
from __future__ import annotations

from collections import Counter

from corpus.schema import Passage
from guidelines.labels import LABELS


def corpus_stats(passages: list[Passage]) -> dict:
    labels = Counter(l for p in passages for l in p.labels)
    return {
        "passages": len(passages),
        "articles": len({p.article for p in passages}),
        "no_label": sum(1 for p in passages if not p.labels),
        "labels": {label: labels.get(label, 0) for label in LABELS},
        "rules": dict(sorted(Counter(r for p in passages for r in p.rules).items())),
        "language": dict(Counter(p.language for p in passages).most_common()),
        "source_kind": dict(Counter(p.source_kind for p in passages).most_common()),
        "scope": dict(Counter(p.scope for p in passages).most_common()),
        "register": dict(Counter(p.register or "unknown" for p in passages).most_common()),
        "exploitation": dict(Counter(p.exploitation or "unknown" for p in passages).most_common()),
        "country": dict(Counter(p.country or "unknown" for p in passages).most_common()),
        "licence": dict(Counter(p.licence for p in passages).most_common()),
    }


def format_stats(stats: dict) -> str:
    lines = [f"passages  {stats['passages']:>6}", f"articles  {stats['articles']:>6}",
             f"no label  {stats['no_label']:>6}", ""]
    for section in ("labels", "rules", "language", "source_kind", "scope", "register",
                    "exploitation", "country", "licence"):
        lines.append(section)
        for key, count in stats[section].items():
            lines.append(f"  {key:<28} {count:>6}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
