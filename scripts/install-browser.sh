#!/bin/sh
# Install what the browser tests (pytest -m browser) need: Debian's chromium and the PyPI
# playwright client, which drives it through executable_path=/usr/bin/chromium.
# Never `playwright install`: no browser downloads from a CDN; Debian's package is the browser.
set -eu
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi
PY="${PY:-.venv/bin/python}"
"$PY" -m pip install --quiet 'playwright>=1.40'
/usr/bin/chromium --version
