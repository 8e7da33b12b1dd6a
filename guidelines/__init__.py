"""Guideline catalogue: the media-reporting rules the tool checks, as data."""
from guidelines.labels import LABELS, SCOPES, SEVERITIES
from guidelines.catalogue import Catalogue, CatalogueError, Rule, Source, load_catalogue

__all__ = ["LABELS", "SCOPES", "SEVERITIES", "Catalogue", "CatalogueError", "Rule",
           "Source", "load_catalogue"]
