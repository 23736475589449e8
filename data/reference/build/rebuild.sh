#!/usr/bin/env bash
# Rebuild data/reference/{regions,departements,communes,postal_codes,epci}.csv
# from the npm registry package @etalab/decoupage-administratif (pinned version).
set -euo pipefail
VERSION="${DECOUPAGE_VERSION:-6.0.0}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@etalab/decoupage-administratif@${VERSION}" >/dev/null && tar xzf ./*.tgz)
python3 "$here/build_reference.py" "$tmp/package" "$here/.."
echo "reference tables rebuilt from @etalab/decoupage-administratif@${VERSION}"
