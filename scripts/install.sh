#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine (run as root or with sudo):
# Debian packages (Chromium for browser tests and reports, poppler-utils to read PDFs, fonts
# with Vietnamese diacritics) and the Python package with its test extras.
# Idempotent: a second run finds everything present and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

need_apt=0
for bin in /usr/bin/chromium /usr/bin/pdftoppm /usr/bin/pdftotext; do
  [ -x "$bin" ] || need_apt=1
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt=1
if [ "$need_apt" = "1" ]; then
  echo "[install] Debian packages: chromium poppler-utils fonts-dejavu-core fonts-liberation"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils fonts-dejavu-core fonts-liberation >/dev/null
fi

echo "[install] Python packages"
python3 -m pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | grep -v -E "^WARNING: (Running pip as|Location)" || true
python3 -c "import dashboard, streamlit, plotly, pandas, dateparser, duckdb, kaleido, playwright" \
  || { echo "[install] Python packages failed to import" >&2; exit 1; }
echo "[install] done"
