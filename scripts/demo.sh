#!/usr/bin/env bash
# Sets up the npm packages, builds the app and starts it on the embedded demo tenant.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup/node-deps.sh
npm run --silent build
exec npm start --silent -- "$@"
