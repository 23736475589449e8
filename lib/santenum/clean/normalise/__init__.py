"""Normalisers: raw text cells -> typed values (text, numbers, dates, answers, identifiers, places, size, labels)."""
