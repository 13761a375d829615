import { describe, expect, it } from 'vitest';
import { deviceActionsFor, offers } from '../../../src-renderer/logic/actions';

// The renderer offers only what the main process's action guard put in the case view.
const offered = {
  mailbox: [],
  devices: [
    { deviceId: 'SEC1A2B3C4D5E6F7A8', actions: ['unblock-device' as const] },
    { deviceId: 'ApplF4K7Q2', actions: ['allow-device' as const, 'block-device' as const] },
  ],
};

describe('offered actions in the renderer', () => {
  it('shows a device only the actions the case offers for it, release first', () => {
    expect(deviceActionsFor('SEC1A2B3C4D5E6F7A8', offered).map((a) => a.kind)).toEqual(['unblock-device']);
    expect(deviceActionsFor('applf4k7q2', offered).map((a) => a.kind)).toEqual(['allow-device', 'block-device']);
    expect(deviceActionsFor('Unknown1', offered)).toEqual([]);
  });

  it('hides a finding card action the case does not offer; debug logging is always offered', () => {
    expect(offers(offered, { kind: 'allow-device', deviceId: 'SEC1A2B3C4D5E6F7A8' })).toBe(false);
    expect(offers(offered, { kind: 'enable-activesync' })).toBe(false);
    expect(offers(undefined, { kind: 'unblock-device', deviceId: 'SEC1A2B3C4D5E6F7A8' })).toBe(false);
    expect(offers(undefined, { kind: 'enable-debug-logging' })).toBe(true);
  });
});
