import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { scenarioSchema } from '../../../src-main/services/demo/scenario/scenario-schema';
import { decideAccess } from '../../../src-main/services/demo/shell/access-state';

const scenariosDir = 'assets/scenarios';
const DAY = 86_400_000;

describe('the large-tenant scenario (generated fleet)', () => {
  const scenario = loadScenario('large-tenant', { scenariosDir });
  const now = Date.parse(scenario.clock.now);
  const mailboxes = new Map(scenario.exchange.mailboxes.map((m) => [m.user.toLowerCase(), m]));
  const decisions = scenario.exchange.mobileDevices.map((d) =>
    decideAccess(d, mailboxes.get(d.mailbox.toLowerCase())!, scenario.exchange, now),
  );

  it('has at least 20 000 devices across at least 5 000 users, and is valid as a whole', () => {
    expect(scenario.exchange.mobileDevices.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(scenario.exchange.mobileDevices.map((d) => d.mailbox)).size).toBeGreaterThanOrEqual(5_000);
    expect(scenarioSchema.safeParse(scenario).success).toBe(true);
  });

  it('is the same on every load (deterministic)', () => {
    const again = loadScenario('large-tenant', { scenariosDir });
    expect(again.exchange.mobileDevices).toEqual(scenario.exchange.mobileDevices);
    expect(again.exchange.mailboxes).toEqual(scenario.exchange.mailboxes);
  });

  it('holds quarantines, blocks, rule decisions, old clients, stale partnerships, heavy users and pending wipes', () => {
    const count = (f: (i: number) => boolean) => decisions.filter((_, i) => f(i)).length;
    const devices = scenario.exchange.mobileDevices;
    expect(count((i) => decisions[i]!.state === 'Quarantined' && decisions[i]!.reason === 'Global')).toBeGreaterThan(100);
    // First match wins: the UserAgent rule quarantines an iPhone the DeviceType rule would allow.
    expect(count((i) => decisions[i]!.rule === 'Apple-iPhone14C5/2107.16 (UserAgent)' && devices[i]!.deviceType === 'iPhone')).toBeGreaterThan(10);
    expect(count((i) => decisions[i]!.reason === 'Individual' && decisions[i]!.state === 'Blocked')).toBeGreaterThan(10);
    expect(count((i) => decisions[i]!.reason === 'ExternalCompliance')).toBeGreaterThan(10);
    expect(count((i) => devices[i]!.clientType === 'EAS' && Number(devices[i]!.clientVersion) < 16.1)).toBeGreaterThan(500);
    expect(count((i) => now - Date.parse(devices[i]!.lastSyncAttemptTime!) > 90 * DAY)).toBeGreaterThan(500);
    expect(count((i) => devices[i]!.status === 'DeviceWipePending')).toBeGreaterThan(0);
    expect(count((i) => now - Date.parse(devices[i]!.firstSyncTime) < DAY)).toBeGreaterThan(50);
    const perUser = new Map<string, number>();
    for (const d of devices) perUser.set(d.mailbox, (perUser.get(d.mailbox) ?? 0) + 1);
    expect([...perUser.values()].filter((n) => n >= 90).length).toBeGreaterThanOrEqual(10);
    expect(new Set(devices.map((d) => `${d.mailbox}|${d.deviceId}`)).size).toBe(devices.length);
  });

  it('keeps the file small and lists the scenario without generating the fleet', () => {
    const unexpanded = loadScenario('large-tenant', { scenariosDir, expandFleet: false });
    expect(unexpanded.exchange.mobileDevices.length).toBeLessThan(10);
    expect(listScenarios({ scenariosDir }).some((s) => s.id === 'large-tenant')).toBe(true);
  });
});
