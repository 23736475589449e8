#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the real-browser tests (tests/e2e/test_browser.py, --pdf), and
# poppler-utils, whose pdftotext and pdftoppm read the PDFs santenum prints; Pango, which WeasyPrint
# (etude.pdf) draws text with.
set -euo pipefail
PANGO="libpango-1.0-0 libpangoft2-1.0-0"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null \
  && /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils $PANGO >/dev/null
else
  echo "install-browser: chromium, chromium-driver, poppler-utils or Pango is missing; install them (Debian: apt-get install chromium chromium-driver poppler-utils $PANGO) or the browser tests and etude.pdf fail" >&2
fi
