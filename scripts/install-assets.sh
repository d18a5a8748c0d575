#!/bin/sh
# Install and build the web UI's browser assets into api/static/vendor/, served by the app
# itself: the SPARQL editor (CodeMirror 6 + SPARQL mode, bundled by esbuild) and Swagger UI for
# the offline API docs. npm comes from Debian's packages when it is missing; nothing is ever
# loaded from a CDN. --ignore-scripts: no install-time telemetry (swagger-ui-dist's @scarf).
set -eu
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends nodejs npm
fi
export SCARF_ANALYTICS=false
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
VENDOR=api/static/vendor
mkdir -p "$VENDOR"
node node_modules/esbuild/bin/esbuild api/static/src/editor.js --bundle --minify \
    --format=iife --log-level=warning --outfile="$VENDOR/editor.bundle.js"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
    node_modules/swagger-ui-dist/favicon-32x32.png "$VENDOR/"
cp node_modules/axe-core/axe.min.js "$VENDOR/"
touch "$VENDOR/.built"
