#!/usr/bin/env bash
# Create (or reuse) a Python virtualenv holding One Identity's SPS Plugin SDK,
# so that SDK-based plugins can be run by sps-tui (--python DIR/bin/python or
# SPS_TUI_PYTHON=DIR/bin/python) and by the SDK's own tester, pluginv.
#
# Usage: scripts/sdk-venv.sh [DIR]        (DIR defaults to <repo>/.venv-sdk)
# Env:   PYTHON   interpreter used to create the venv (default: python3)
#
# Quiet on success; the last line printed is the absolute path of the venv's
# python. Idempotent: when DIR already holds exactly the pinned SDK version
# nothing is downloaded. Needs no TTY and no stdin (safe for CI).
#
# Why the SDK is installed in two steps: the SDK pins python-ldap==3.4.4,
# which ships only as a source distribution and needs the OpenLDAP/SASL C
# headers to build. The SDK's code never imports the `ldap` module (its LDAP
# classes are in-memory fakes outside SPS), so we install every pinned
# dependency except python-ldap, then the SDK wheel itself with --no-deps.
# `pip check` in the venv therefore reports python-ldap as missing: harmless.
set -euo pipefail

SDK_PACKAGE=oneidentity-safeguard-sessions-plugin-sdk
# Newest release on PyPI that installs on Python 3.11 (checked with
# `pip index versions oneidentity-safeguard-sessions-plugin-sdk`).
SDK_VERSION=1.9.1
SKIPPED_DEPENDENCY=python-ldap

die() { echo "sdk-venv: $*" >&2; exit 1; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${1:-"$repo_root/.venv-sdk"}
base_python=${PYTHON:-python3}

mkdir -p "$venv"
venv=$(cd "$venv" && pwd)
venv_python="$venv/bin/python"
stamp="$venv/.sps-tui-sdk-version"
want="$SDK_PACKAGE==$SDK_VERSION"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_USER=0
unset PIP_REQUIRE_VIRTUALENV PYTHONHOME || true

sdk_ready() {
  [ -x "$venv_python" ] && [ -x "$venv/bin/pluginv" ] && [ -f "$stamp" ] \
    && [ "$(cat "$stamp")" = "$want" ] \
    && "$venv_python" - "$SDK_VERSION" >/dev/null 2>&1 <<'EOF'
import sys
import importlib.metadata as md
from safeguard.sessions.plugin import __version__
assert __version__ == sys.argv[1] == md.version("oneidentity-safeguard-sessions-plugin-sdk")
EOF
}

# Serialise concurrent builds of the same venv (parallel CI jobs, tests).
if command -v flock >/dev/null 2>&1; then
  lock="${TMPDIR:-/tmp}/sps-tui-sdk-venv.$(printf '%s' "$venv" | cksum | cut -d' ' -f1).lock"
  exec 9>"$lock"
  flock 9
fi

if sdk_ready; then
  echo "$venv_python"
  exit 0
fi

# Create the venv, or repair one whose interpreter no longer runs.
if [ -e "$venv/pyvenv.cfg" ]; then
  if ! "$venv_python" -c 'pass' >/dev/null 2>&1; then
    "$base_python" -m venv --clear "$venv" </dev/null || die "cannot recreate venv in $venv with $base_python"
  fi
elif [ -n "$(ls -A "$venv")" ]; then
  die "$venv exists, is not empty and is not a virtualenv; refusing to touch it"
else
  "$base_python" -m venv "$venv" </dev/null || die "cannot create venv in $venv with $base_python"
fi

rm -f "$stamp"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Fetch the pinned SDK wheel (no dependencies) and read its pinned deps.
"$venv_python" -m pip download -q --no-deps --only-binary=:all: -d "$work" "$want" </dev/null \
  || die "cannot download $want (is PyPI reachable?)"
wheel=$(ls "$work"/*.whl)
"$venv_python" - "$wheel" "$SKIPPED_DEPENDENCY" >"$work/requirements.txt" <<'EOF'
import re, sys, zipfile
wheel, skipped = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as zf:
    meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    text = zf.read(meta).decode("utf-8")
for line in text.splitlines():
    if not line.startswith("Requires-Dist:"):
        continue
    req = line.split(":", 1)[1].strip()
    name = re.split(r"[\s=<>!~;\[(]", req, maxsplit=1)[0]
    if name.lower().replace("_", "-") != skipped:
        print(req)
EOF

# 2. Its dependencies (all exact pins), then 3. the SDK wheel itself.
"$venv_python" -m pip install -q -r "$work/requirements.txt" </dev/null \
  || die "cannot install the SDK's dependencies"
"$venv_python" -m pip install -q --no-deps --force-reinstall "$wheel" </dev/null \
  || die "cannot install $want"

echo "$want" >"$stamp"
sdk_ready || die "venv $venv does not import $want after installation"
echo "$venv_python"
