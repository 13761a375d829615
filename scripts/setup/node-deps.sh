#!/usr/bin/env bash
# npm packages from the lockfile, reinstalled only when the lockfile changed since the last install.
# The Electron binary is never downloaded here (it cannot be); Electron-only tests skip without it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
stamp=node_modules/.lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
