#!/usr/bin/env node
// Runs the CLI from the checkout; the README's setup builds out/cli first.
const { existsSync } = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'out', 'cli', 'cli.cjs');
if (!existsSync(built)) {
  process.stderr.write('The CLI is not built yet. Run: npm run build\n');
  process.exit(1);
}
require(built);
