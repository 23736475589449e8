"""Report runs: notebooks executed with papermill, exported to self-contained HTML, with an index."""
