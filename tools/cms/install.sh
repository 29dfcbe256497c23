#!/usr/bin/env bash
# Install the browser editor's pinned packages (tools/cms/package-lock.json: @sveltia/cms and the typefaces its
# bundle would fetch from jsdelivr) into tools/cms/node_modules/ with `npm ci`, then prepare admin/'s files into
# .tools/cms-admin/ (python -m sitegen.admin_assets). Quiet when both are current. As root it installs a missing
# npm with apt-get; otherwise it prints one line naming what to install and exits 1. Usage: tools/cms/install.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${1:-.venv/bin/python}
LOCK=tools/cms/package-lock.json
STAMP=tools/cms/node_modules/.installed-$(cksum <"$LOCK" | cut -d' ' -f1)

if [ ! -f "$STAMP" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing npm with apt-get (for the browser editor's files)..." >&2
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } >/dev/null
    else
      echo "The browser editor (/admin/) needs npm: install it (sudo apt-get install -y npm) and run again." >&2
      exit 1
    fi
  fi
  echo "Installing the browser editor's packages (tools/cms/package-lock.json) into tools/cms/node_modules/ ..." >&2
  rm -f tools/cms/node_modules/.installed-*
  npm ci --silent --ignore-scripts --no-audit --no-fund --prefix tools/cms >/dev/null
  touch "$STAMP"
fi
if [ "$STAMP" -nt .tools/cms-admin ] || [ sitegen/admin_assets.py -nt .tools/cms-admin ] || [ ! -d .tools/cms-admin ]; then
  mkdir -p .tools
  "$PYTHON" -m sitegen.admin_assets
fi
