#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the real-browser tests (tests/test_browser.py, --pdf), and
# poppler-utils, whose pdftotext and pdftoppm read the PDFs santenum prints.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
else
  echo "install-browser: chromium, chromium-driver or poppler-utils is missing; install them (Debian: apt-get install chromium chromium-driver poppler-utils) or the browser tests fail" >&2
fi
