"""Agreement between annotators, per label: Cohen's kappa (two), Fleiss' kappa and Krippendorff's alpha (more).

Each label is judged as a yes/no question per passage. Chance-corrected agreement is undefined when
there is no variation at all (everyone said "no" everywhere): then the figure is None, shown as
"n/a", never a made-up 1.0.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from guidelines.labels import LABELS


def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa for two raters on the same items."""
    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[c] * cb[c] for c in set(ca) | set(cb)) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(ratings: list[list]) -> float | None:
    """Fleiss' kappa; `ratings` holds, per item, every rater's category (the same number of raters per item)."""
    ratings = [r for r in ratings if r]
    if not ratings:
        return None
    n = len(ratings[0])
    if n < 2 or any(len(r) != n for r in ratings):
        raise ValueError("Fleiss' kappa needs the same number (at least two) of ratings per item")
    categories = sorted({c for r in ratings for c in r}, key=str)
    items = len(ratings)
    counts = [Counter(r) for r in ratings]
    p_j = [sum(c[cat] for c in counts) / (items * n) for cat in categories]
    p_i = [(sum(v * v for v in c.values()) - n) / (n * (n - 1)) for c in counts]
    p_bar = sum(p_i) / items
    p_e = sum(p * p for p in p_j)
    if p_e == 1.0:
        return None
    return (p_bar - p_e) / (1 - p_e)


def krippendorff_alpha(units: list[list]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit lists the values it got (missing ratings simply absent)."""
    pairable = [u for u in units if len(u) >= 2]
    coincidence: Counter = Counter()
    for unit in pairable:
        m = len(unit)
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            coincidence[(unit[i], unit[j])] += 1 / (m - 1)
    totals: Counter = Counter()
    for (c, _k), value in coincidence.items():
        totals[c] += value
    n = sum(totals.values())
    if n <= 1:
        return None
    disagree_observed = sum(v for (c, k), v in coincidence.items() if c != k)
    disagree_expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if disagree_expected == 0:
        return None
    return 1 - (n - 1) * disagree_observed / disagree_expected


@dataclass
class LabelAgreement:
    label: str
    items: int                  # passages with at least two annotators' decisions
    percent: float | None       # raw share of passages on which all annotators agree
    cohen: float | None = None  # two annotators
    fleiss: float | None = None  # three or more, on passages every one of them decided
    alpha: float | None = None  # any number, missing decisions allowed


@dataclass
class Disagreement:
    item_id: int
    labels: dict[str, tuple[str, ...]]    # annotator -> labels
    settled: tuple[str, ...] | None = None


@dataclass
class AgreementReport:
    annotators: list[str]
    per_label: list[LabelAgreement] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    shared_items: int = 0


def agreement(decisions, annotators: list[str] | None = None) -> AgreementReport:
    """Per-label agreement from decisions (objects with item_id, annotator, action, labels, settles).
    Skips and settling decisions are not ratings and are left out."""
    ratings: dict[int, dict[str, tuple[str, ...]]] = {}
    settled: dict[int, tuple[str, ...]] = {}
    for d in decisions:
        if d.action == "skip":
            continue
        if d.settles:
            settled[d.item_id] = tuple(d.labels)
            continue
        if annotators is None or d.annotator in annotators:
            ratings.setdefault(d.item_id, {})[d.annotator] = tuple(d.labels)
    names = sorted(annotators if annotators is not None else {a for r in ratings.values() for a in r})
    shared = {i: r for i, r in ratings.items() if len(r) >= 2}
    report = AgreementReport(names, shared_items=len(shared))
    for label in LABELS:
        units = [[label in labels for labels in r.values()] for r in shared.values()]
        result = LabelAgreement(label, len(units),
                                sum(len(set(u)) == 1 for u in units) / len(units) if units else None)
        if len(names) == 2:
            both = [r for r in shared.values() if all(a in r for a in names)]
            result.cohen = cohen_kappa([label in r[names[0]] for r in both], [label in r[names[1]] for r in both])
        elif len(names) > 2:
            complete = [[label in r[a] for a in names] for r in shared.values() if all(a in r for a in names)]
            result.fleiss = fleiss_kappa(complete) if complete else None
        result.alpha = krippendorff_alpha(units)
        report.per_label.append(result)
    for item_id, r in sorted(shared.items()):
        if len(set(r.values())) > 1:
            report.disagreements.append(Disagreement(item_id, dict(sorted(r.items())), settled.get(item_id)))
    return report


def pairwise_cohen(decisions, annotators: list[str]) -> dict[tuple[str, str], dict[str, float | None]]:
    """Cohen's kappa per label for every pair of annotators (a team of three or more looks for the odd one out)."""
    out = {}
    for a, b in combinations(sorted(annotators), 2):
        report = agreement(decisions, [a, b])
        out[(a, b)] = {x.label: x.cohen for x in report.per_label}
    return out
