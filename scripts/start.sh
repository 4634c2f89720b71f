#!/usr/bin/env bash
# Installs everything, then starts the dashboard on the sample articles in data/articles
# (the store data/dashboard.duckdb is built on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec python3 -m streamlit run streamlit_app.py --server.headless true --browser.gatherUsageStats false "$@"
