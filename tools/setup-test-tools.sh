#!/usr/bin/env bash
# Install what the browser and standards tests (tests/quality/) need, once; quiet when everything is there.
#   - Chromium: Debian's package at /usr/bin/chromium (or $CHROMIUM); with USE_PLAYWRIGHT_CHROMIUM=1,
#     Playwright's own browser instead (`playwright install chromium`, as on GitHub's runners)
#   - a Java runtime (Debian's default-jre-headless) and the Nu HTML Checker (npm vnu-jar, into .tools/)
# As root it installs what is missing with apt-get and npm; otherwise it prints one line naming what to
# install and exits 1. Never downloads a browser itself.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27   # npm vnu-jar; update deliberately (npm view vnu-jar version)
VNU_DIR=.tools/node_modules/vnu-jar
VNU_JAR=$VNU_DIR/build/dist/vnu.jar

packages=()
if [ "${USE_PLAYWRIGHT_CHROMIUM:-}" != 1 ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  packages+=(chromium)
fi
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
vnu_installed=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$VNU_DIR/package.json" 2>/dev/null | head -n 1 || true)
need_vnu=
if [ ! -f "$VNU_JAR" ] || [ "$vnu_installed" != "$VNU_VERSION" ]; then
  need_vnu=1
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${packages[*]} with apt-get (for the browser and HTML tests)..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } >/dev/null
  else
    echo "The browser and HTML tests need: ${packages[*]} — install them (sudo apt-get install -y ${packages[*]}) and run again." >&2
    exit 1
  fi
fi

if [ -n "$need_vnu" ]; then
  echo "Installing the Nu HTML Checker (npm vnu-jar@$VNU_VERSION) into .tools/ ..." >&2
  npm install --silent --ignore-scripts --no-save --no-audit --no-fund --no-package-lock --prefix .tools \
    "vnu-jar@$VNU_VERSION" >/dev/null
  [ -f "$VNU_JAR" ] || { echo "npm vnu-jar@$VNU_VERSION installed no $VNU_JAR" >&2; exit 1; }
fi
