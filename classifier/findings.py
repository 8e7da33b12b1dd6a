"""The one finding shape used by the command line, the desktop and every export."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

FINDING_SCHEMA = "thb-review.finding/1"


@dataclass
class Finding:
    rule_id: str
    label: str
    title: str
    detector: str          # lexicon | pattern | <built-in detector> | model
    start: int             # evidence span, offsets into the article text
    end: int
    passage_index: int
    passage_start: int
    passage_end: int
    scope: str
    severity: str
    score: float           # model probability of the label (or 1.0 when no model judges it)
    threshold: float
    message: str
    rationale: str
    sources: list[str]
    suggestions: list[str]
    explanation: dict = field(default_factory=dict)
    schema: str = FINDING_SCHEMA

    @property
    def key(self) -> tuple:
        """Stable identity of a finding within one text, used to remember decisions."""
        return (self.rule_id, self.passage_start, self.passage_end)

    def to_json(self) -> dict:
        return asdict(self)


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
