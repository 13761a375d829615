import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { builtInScenarios } from '../../../src-main/services/demo/tools/built-in/index';
import { renderBuiltInFiles } from '../../../src-main/services/demo/tools/render-built-in-files';

const scenariosDir = path.resolve('assets/scenarios');
// The findings catalog is data shared with the analysis engine; scenarios may name only its codes.
const catalog = JSON.parse(readFileSync(path.resolve('assets/findings/catalog.json'), 'utf8')) as {
  findings: Record<string, unknown>;
};
const catalogCodes = Object.keys(catalog.findings);

describe('built-in scenarios', () => {
  const folders = readdirSync(scenariosDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it('has a committed file for every generated one, byte for byte (run the generator when this fails)', () => {
    const expected = renderBuiltInFiles(builtInScenarios);
    for (const [relative, content] of Object.entries(expected)) {
      expect(readFileSync(path.join(scenariosDir, relative), 'utf8'), relative).toBe(content);
    }
    expect(folders.sort()).toEqual(builtInScenarios.map((s) => s.scenario.id).sort());
  });

  it('validates every scenario.json against the committed JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(scenariosDir, 'scenario.schema.json'), 'utf8')),
    );
    for (const folder of folders) {
      const json = JSON.parse(readFileSync(path.join(scenariosDir, folder, 'scenario.json'), 'utf8'));
      expect(validate(json), `${folder}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('loads every scenario through the zod loader, with its logs read in and folder name = id', () => {
    for (const folder of folders) {
      const scenario = loadScenario(folder, { scenariosDir });
      expect(scenario.id).toBe(folder);
      for (const device of scenario.exchange.mobileDevices) {
        if (device.mailboxLog !== null) expect('text' in device.mailboxLog).toBe(true);
      }
    }
  });

  it('names only catalog finding codes, and each root cause is also an expected finding', () => {
    for (const folder of folders) {
      const { expected } = loadScenario(folder, { scenariosDir });
      for (const code of [...expected.findings, ...expected.rootCauses, ...expected.notFindings]) {
        expect(catalogCodes, `${folder}: ${code}`).toContain(code);
      }
      for (const code of expected.rootCauses) expect(expected.findings, folder).toContain(code);
    }
  });

  it('lists the scenarios sorted by id with one-line stories', () => {
    const list = listScenarios({ scenariosDir });
    expect(list.map((s) => s.id)).toEqual([...folders].sort());
    for (const s of list) expect(s.story).not.toContain('\n');
  });

  it('writes logs in the MailboxLogReport layout: CRLF only, dashed headers counted from 0', () => {
    for (const [relative, text] of Object.entries(renderBuiltInFiles(builtInScenarios))) {
      if (!relative.endsWith('.txt')) continue;
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const numbers = [
        ...text.matchAll(/\r\n-{17}\r\n Log Entry: (\d+)\r\n-{17}\r\n\r\nRequestTime : \r\n/g),
      ].map((m) => Number(m[1]));
      expect(numbers.length, relative).toBeGreaterThan(0);
      expect(numbers).toEqual(numbers.map((_, i) => i));
    }
  });
});
