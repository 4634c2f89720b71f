#!/usr/bin/env bash
# Installs everything, then runs every test: unit, golden, store, AppTest, real-browser
# (Debian Chromium driven by Playwright), report rendering and slow property-based runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
mkdir -p artifacts
python3 -m pytest -m "slow or not slow" -p no:cacheprovider "$@"
