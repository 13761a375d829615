// Regenerates assets/schemas/case.schema.json and manifest.schema.json from the zod schemas.
// Run after changing src-main/shared/models/case.ts or the bundle manifest; a unit test fails
// while the committed files are stale.
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './lib/tools.mjs';

const temp = mkdtempSync(path.join(os.tmpdir(), 'case-schemas-'));
const outfile = path.join(temp, 'schemas.cjs');
try {
  await build({
    entryPoints: [path.join(ROOT, 'src-main/services/cases/schemas/case-json-schemas.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const { buildCaseJsonSchemas, renderJsonSchemaFile } = createRequire(import.meta.url)(outfile);
  const dir = path.join(ROOT, 'assets', 'schemas');
  mkdirSync(dir, { recursive: true });
  for (const [name, schema] of Object.entries(buildCaseJsonSchemas())) {
    writeFileSync(path.join(dir, name), renderJsonSchemaFile(schema));
    console.log(`wrote assets/schemas/${name}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
