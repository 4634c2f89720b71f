"""Benchmarks (not part of the test suite).

- ``bench.generate``: deterministic synthetic corpus of articles in the samples' genre.
- ``bench.run``: ``python -m bench.run [--quick]`` measures extraction, ingest, dashboard
  queries, first chart in Chromium and report generation, and writes bench/RESULTS.md.
"""
