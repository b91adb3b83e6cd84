#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium (never a Playwright browser
# download), the pinned npm packages axe-core and vnu-jar (the Nu Html Checker) and Java
# to run the checker. Idempotent; quick when all are there.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! command -v java >/dev/null; then
    echo "Installing Debian's Java runtime for the HTML validator (vnu.jar)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
    if ! command -v npm >/dev/null; then
        echo "Installing Debian's npm to fetch axe-core"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
    fi
    echo "Installing axe-core and vnu-jar from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
fi

/usr/bin/chromium --version
echo "axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
echo "vnu-jar $(node -p "require('./node_modules/vnu-jar/package.json').version")"
