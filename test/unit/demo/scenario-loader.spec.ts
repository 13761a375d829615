import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadScenario,
  parseScenario,
  ScenarioError,
} from '../../../src-main/services/demo/scenario/scenario-loader';

const healthyJson = () =>
  JSON.parse(readFileSync(path.resolve('assets/scenarios/healthy-iphone/scenario.json'), 'utf8'));

function expectScenarioError(run: () => unknown, fieldPath: string): ScenarioError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).fieldPath).toBe(fieldPath);
    expect((error as ScenarioError).message).toContain(fieldPath);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario validation', () => {
  it('names the path of a field with the wrong type', () => {
    const json = healthyJson();
    json.exchange.mobileDevices[0].clientVersion = 16.1;
    expectScenarioError(() => parseScenario(json), 'exchange.mobileDevices[0].clientVersion');
  });

  it('rejects an unknown field instead of ignoring a typo', () => {
    const json = healthyJson();
    json.exchange.activeSyncOrganizationSettings.defaultAcessLevel = 'Block';
    const error = expectScenarioError(() => parseScenario(json), 'exchange.activeSyncOrganizationSettings');
    expect(error.message).toContain('defaultAcessLevel');
  });

  it('rejects a device whose mailbox does not exist, at the device mailbox field', () => {
    const json = healthyJson();
    json.exchange.mobileDevices[0].mailbox = 'nobody@contoso.example';
    expectScenarioError(() => parseScenario(json), 'exchange.mobileDevices[0].mailbox');
  });

  it('rejects a What-If result naming a policy the tenant does not have', () => {
    const json = healthyJson();
    json.entra.whatIf.results[0].policies[0].policyId = '99999999-9999-4999-8999-999999999999';
    expectScenarioError(() => parseScenario(json), 'entra.whatIf.results[0].policies[0].policyId');
  });

  it('rejects an unsupported format version', () => {
    const json = healthyJson();
    json.formatVersion = 2;
    expectScenarioError(() => parseScenario(json), 'formatVersion');
  });

  it('fills defaults so a minimal scenario is usable', () => {
    const json = healthyJson();
    delete json.graph;
    delete json.latency;
    const scenario = parseScenario(json);
    expect(scenario.graph.pageSize).toBe(100);
    expect(scenario.latency).toBe('demo');
    expect(scenario.exchange.clientAccessRules).toBe('retired');
  });
});

describe('loadScenario by path', () => {
  it('loads a scenario folder from anywhere and reads its log file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    const json = healthyJson();
    json.id = 'my-copy';
    json.exchange.mobileDevices[0].mailboxLog = { file: 'phone.txt' };
    mkdirSync(path.join(dir, 'my-copy'));
    writeFileSync(path.join(dir, 'my-copy', 'scenario.json'), JSON.stringify(json));
    writeFileSync(path.join(dir, 'my-copy', 'phone.txt'), 'LOG TEXT');
    const scenario = loadScenario(path.join(dir, 'my-copy'));
    expect(scenario.exchange.mobileDevices[0]?.mailboxLog).toEqual({ text: 'LOG TEXT' });
  });

  it('reports a missing log file at its field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    const json = healthyJson();
    json.exchange.mobileDevices[0].mailboxLog = { file: 'missing.txt' };
    writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(json));
    expectScenarioError(
      () => loadScenario(path.join(dir, 'scenario.json')),
      'exchange.mobileDevices[0].mailboxLog.file',
    );
  });

  it('says which name is unknown and how to list the real ones', () => {
    expect(() => loadScenario('no-such-scenario')).toThrow(
      /no demo scenario called "no-such-scenario".*scenarios/,
    );
  });

  it('reports invalid JSON with the file name', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    writeFileSync(path.join(dir, 'scenario.json'), '{ nope');
    expect(() => loadScenario(dir + '/')).toThrow(/scenario\.json is not valid JSON/);
  });
});
