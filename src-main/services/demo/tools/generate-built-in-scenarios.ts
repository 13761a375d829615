/**
 * Writes assets/scenarios/<id>/scenario.json and its mailbox logs from tools/built-in/, and the
 * JSON Schema from the zod schema. Run after changing either:
 *   npx jiti src-main/services/demo/tools/generate-built-in-scenarios.ts
 * test/unit/demo/built-in-scenarios.spec.ts fails when the committed files are out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtInScenarios } from './built-in/index';
import { renderBuiltInFiles } from './render-built-in-files';

const root = path.resolve(process.argv[2] ?? 'assets/scenarios');
const files = renderBuiltInFiles(builtInScenarios);
for (const [relative, content] of Object.entries(files)) {
  const target = path.join(root, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log(`wrote ${Object.keys(files).length} files under ${root}`);
