"""Storage: the embedded DuckDB corpus."""
