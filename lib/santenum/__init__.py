"""santenum: a reproducible observatory of French digital-health companies."""

__version__ = "0.1.0"
