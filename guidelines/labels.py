"""The labels a passage can carry, and where in an article a passage can stand."""

LABELS: tuple[str, ...] = (
    "victim_identification",
    "sensationalism",
    "victim_blaming",
    "terminology",
    "stereotyping",
    "presumption_of_innocence",
)

LABEL_TITLES = {
    "victim_identification": "Victim identification",
    "sensationalism": "Sensationalism",
    "victim_blaming": "Victim blaming",
    "terminology": "Terminology",
    "stereotyping": "Stereotyping",
    "presumption_of_innocence": "Presumption of innocence",
}

SCOPES: tuple[str, ...] = ("headline", "standfirst", "body", "quotation", "caption")
SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
