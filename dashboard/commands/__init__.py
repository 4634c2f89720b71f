"""One module per CLI command (see dashboard.cli)."""
