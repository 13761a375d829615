import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Packaging needs the Electron binary and is not run here; the configuration is still checked
// against electron-builder's own JSON schema and against what the product needs.
const require = createRequire(import.meta.url);
const schema = require('app-builder-lib/scheme.json') as object;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML read only by assertions
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app and packs it in asar', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('ActiveSync Troubleshooter');
    expect(config.asar).toBe(true);
  });

  it('builds per-machine Windows installers (NSIS and MSI), a dmg, an AppImage and a deb', () => {
    const targets = (platform: string) => (config[platform].target as Array<{ target: string }>).map((t) => t.target);
    expect(targets('win')).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(config.nsis.perMachine).toBe(true);
    expect(config.msi.perMachine).toBe(true);
    expect(targets('mac')).toContain('dmg');
    expect(targets('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('ships the PowerShell host and the demo scenarios outside the asar', () => {
    const from = (config.extraResources as Array<{ from: string }>).map((r) => r.from);
    expect(from).toEqual(expect.arrayContaining(['assets/powershell', 'assets/scenarios']));
  });

  it('ships the admin guide, which the Settings page points to, with its screenshots', () => {
    const docs = (config.extraResources as Array<{ from: string; to: string; filter?: string[] }>).find((r) => r.from === 'docs');
    expect(docs).toMatchObject({ to: 'docs', filter: ['admin-guide.md', 'images/**'] });
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      // Off: with it on, the signed binary is a general Node interpreter (ELECTRON_RUN_AS_NODE).
      // The demo shell runs in a utility process instead.
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('fails validation for a misspelt option (the schema check can fail)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachinee: true } })).toBe(false);
  });
});
