#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the real-browser test (tests/test_browser.py).
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "install-browser: chromium and chromium-driver are missing; install them (Debian: apt-get install chromium chromium-driver) or tests/test_browser.py fails" >&2
fi
