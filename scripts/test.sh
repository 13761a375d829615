#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine (installing only what is missing),
# then runs every check and test suite. Ends with one line "N passed, N failed" over all suites.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup/system.sh
bash scripts/setup/node-deps.sh
export PATH="$HOME/.dotnet/tools:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
exec node scripts/test-all.mjs
