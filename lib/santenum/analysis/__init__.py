"""Analysis stage: statistics, indicators, charts, evolution and the notebook session."""
