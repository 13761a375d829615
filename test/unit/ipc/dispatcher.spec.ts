import { describe, expect, it } from 'vitest';
import { createDispatcher, type IpcHandlers } from '../../../src-main/ipc/dispatcher';
import { createTestBackend } from '../../support/test-backend';
import { invokeChannels } from '../../../src-main/shared/ipc/contract';
import { AppError } from '../../../src-main/shared/ipc/result';

const info = { productName: 'ActiveSync Troubleshooter', version: '1.2.3', runtime: 'browser-host', platform: 'linux' } as const;

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  const base = createTestBackend({ version: '1.2.3' }).handlers;
  return { ...base, getAppInfo: async () => info, ...overrides } as IpcHandlers;
}

describe('dispatcher', () => {
  it('answers exactly the contract channels', () => {
    expect([...createDispatcher(handlers()).channels].sort()).toEqual([...invokeChannels].sort());
  });

  it('returns the handler value in an ok envelope', async () => {
    const result = await createDispatcher(handlers()).dispatch('app:get-info', {});
    expect(result).toEqual({ ok: true, value: info });
  });

  it('refuses a channel outside the contract without calling anything', async () => {
    const result = await createDispatcher(handlers()).dispatch('shell:run-anything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a payload that does not match the request schema', async () => {
    let called = false;
    const dispatcher = createDispatcher(
      handlers({
        getAppInfo: async () => {
          called = true;
          return info;
        },
      }),
    );
    const result = await dispatcher.dispatch('app:get-info', { extra: 'field' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(called).toBe(false);
  });

  it('maps an AppError to its code and message', async () => {
    const dispatcher = createDispatcher(
      handlers({
        getAppInfo: async () => {
          throw new AppError('PERMISSION_DENIED', 'You need the Recipient Management role.');
        },
      }),
    );
    expect(await dispatcher.dispatch('app:get-info', {})).toEqual({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: 'You need the Recipient Management role.' },
    });
  });

  it('maps an unexpected throw to INTERNAL and reports it', async () => {
    const reported: string[] = [];
    const dispatcher = createDispatcher(
      handlers({
        getAppInfo: async () => {
          throw new TypeError('boom');
        },
      }),
      { onInternalError: (channel) => reported.push(channel) },
    );
    expect(await dispatcher.dispatch('app:get-info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(reported).toEqual(['app:get-info']);
  });

  it('refuses a handler response that breaks the contract', async () => {
    const dispatcher = createDispatcher(
      handlers({ getAppInfo: async () => ({ ...info, runtime: 'toaster' }) as unknown as typeof info }),
    );
    expect(await dispatcher.dispatch('app:get-info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
