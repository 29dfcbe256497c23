#!/usr/bin/env bash
# Install what the browser, standards and calendar-client tests need, once; quiet when everything is there.
#   - Chromium: Debian's package at /usr/bin/chromium (or $CHROMIUM); with USE_PLAYWRIGHT_CHROMIUM=1,
#     Playwright's own browser instead (`playwright install chromium`, as on GitHub's runners)
#   - a Java runtime (Debian's default-jre-headless) and the Nu HTML Checker (npm vnu-jar, into .tools/)
#   - Node (Debian's nodejs) and ical.js, Thunderbird's iCalendar parser (npm ical.js, into .tools/), which
#     tests/test_ical_clients.py runs through tools/ical_instants.js
# As root it installs what is missing with apt-get and npm; otherwise it prints one line naming what to
# install and exits 1. Never downloads a browser itself.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27   # npm vnu-jar; update deliberately (npm view vnu-jar version)
VNU_DIR=.tools/node_modules/vnu-jar
VNU_JAR=$VNU_DIR/build/dist/vnu.jar
ICALJS_VERSION=2.2.1  # npm ical.js; update deliberately (npm view ical.js version)
ICALJS_DIR=.tools/node_modules/ical.js
ICALJS=$ICALJS_DIR/dist/ical.js

installed() {  # the version of an npm package in .tools/, or nothing
  sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$1/package.json" 2>/dev/null | head -n 1 || true
}

packages=()
if [ "${USE_PLAYWRIGHT_CHROMIUM:-}" != 1 ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  packages+=(chromium)
fi
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
need_npm=
if [ ! -f "$VNU_JAR" ] || [ "$(installed "$VNU_DIR")" != "$VNU_VERSION" ] \
   || [ ! -f "$ICALJS" ] || [ "$(installed "$ICALJS_DIR")" != "$ICALJS_VERSION" ]; then
  need_npm=1
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${packages[*]} with apt-get (for the browser, HTML and calendar tests)..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } >/dev/null
  else
    echo "The browser, HTML and calendar tests need: ${packages[*]} — install them (sudo apt-get install -y ${packages[*]}) and run again." >&2
    exit 1
  fi
fi

if [ -n "$need_npm" ]; then
  # Both in one call: npm removes from .tools/ what an install does not name.
  echo "Installing the Nu HTML Checker (npm vnu-jar@$VNU_VERSION) and ical.js@$ICALJS_VERSION into .tools/ ..." >&2
  npm install --silent --ignore-scripts --no-save --no-audit --no-fund --no-package-lock --prefix .tools \
    "vnu-jar@$VNU_VERSION" "ical.js@$ICALJS_VERSION" >/dev/null
  [ -f "$VNU_JAR" ] || { echo "npm vnu-jar@$VNU_VERSION installed no $VNU_JAR" >&2; exit 1; }
  [ -f "$ICALJS" ] || { echo "npm ical.js@$ICALJS_VERSION installed no $ICALJS" >&2; exit 1; }
fi
