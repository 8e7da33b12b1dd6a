"""Label colours and codes without Qt, shared by the window (style.py) and the reports.

Okabe and Ito's colour-blind-safe palette; a short code per label so nothing
depends on colour alone.
"""
from __future__ import annotations

COLOURS = {"victim_identification": "#D55E00", "sensationalism": "#E69F00", "victim_blaming": "#CC79A7",
           "terminology": "#0072B2", "stereotyping": "#009E73", "presumption_of_innocence": "#56B4E9"}
CODES = {"victim_identification": "ID", "sensationalism": "SEN", "victim_blaming": "VB", "terminology": "TRM",
         "stereotyping": "STE", "presumption_of_innocence": "PI"}


def tint_hex(colour: str, strength: float) -> str:
    """`colour` blended into white (rich text and reports know no alpha)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = lambda v: round(255 - (255 - v) * strength)
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"


def label_tint(label: str, strength: float = 0.3) -> str:
    return tint_hex(COLOURS.get(label, "#777777"), strength)


def label_code(label: str) -> str:
    return CODES.get(label, label[:3].upper())
