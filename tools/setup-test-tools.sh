#!/usr/bin/env bash
# Install what the browser and standards tests need, once; quiet when everything is there.
#   - Chromium (Debian's package; or Playwright's own browser where USE_PLAYWRIGHT_CHROMIUM=1)
#   - a Java runtime and the Nu HTML Checker (npm vnu-jar, into .tools/)
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
missing=()

as_root_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing $* with apt-get (needed by the browser and HTML tests)..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null
  else
    missing+=("$@")
  fi
}

if [ "${USE_PLAYWRIGHT_CHROMIUM:-}" != 1 ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  as_root_install chromium
fi
command -v java >/dev/null || as_root_install default-jre-headless
if [ ${#missing[@]} -gt 0 ]; then
  echo "make test needs: ${missing[*]} — install them (e.g. sudo apt-get install -y ${missing[*]}) and run make test again." >&2
  exit 1
fi
if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  command -v npm >/dev/null || { echo "make test needs npm (for the Nu HTML Checker): install Node.js and npm." >&2; exit 1; }
  echo "Installing the Nu HTML Checker (npm vnu-jar@$VNU_VERSION) into .tools/ ..." >&2
  npm install --silent --ignore-scripts --no-save --no-audit --no-fund --prefix .tools "vnu-jar@$VNU_VERSION" >/dev/null
fi
