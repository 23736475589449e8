"""`santenum sirene`: candidate digital-health companies of a région from INSEE's national SIRENE stock."""

from santenum.sirene.extract import COUNTS_FILE, commune_regions, extract_candidates, extract_name

__all__ = ["COUNTS_FILE", "commune_regions", "extract_candidates", "extract_name"]
