import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-main/ipc/event-hub';
import { eventChannels } from '../../../src-main/shared/ipc/contract';

describe('EventHub', () => {
  it('delivers a valid payload to every sink on the contract channel', () => {
    const hub = new EventHub();
    const seen: Array<[string, unknown]> = [];
    hub.attach((channel, payload) => seen.push([channel, payload]));
    hub.attach((channel) => seen.push([channel, 'second']));
    const notice = { level: 'info' as const, message: 'PowerShell is ready', at: '2026-11-26T10:00:00.000Z' };
    hub.emit('onBackendNotice', notice);
    expect(seen).toEqual([
      ['event:backend-notice', notice],
      ['event:backend-notice', 'second'],
    ]);
  });

  it('drops a payload that breaks the contract and reports it', () => {
    const invalid: string[] = [];
    const hub = new EventHub((name) => invalid.push(name));
    const seen: unknown[] = [];
    hub.attach((_c, p) => seen.push(p));
    hub.emit('onBackendNotice', { level: 'fatal', message: 'x', at: 'now' } as never);
    expect(seen).toEqual([]);
    expect(invalid).toEqual(['onBackendNotice']);
  });

  it('stops delivering after detach', () => {
    const hub = new EventHub();
    const seen: unknown[] = [];
    const detach = hub.attach((_c, p) => seen.push(p));
    detach();
    hub.emit('onBackendNotice', { level: 'info', message: 'x', at: '2026-11-26T10:00:00.000Z' });
    expect(seen).toEqual([]);
  });

  it('lists the contract event channels', () => {
    expect(EventHub.channels).toEqual(eventChannels);
  });
});
