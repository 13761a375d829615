import { describe, expect, it } from 'vitest';
import { createCaseStore } from '../../../src-renderer/stores/case-store';
import { caseView } from './support/case-view';
import { createFakeApi, deferred, failure, ok } from './support/fake-api';

const subject = { userUpn: 'alex.wilber@contoso.example', symptom: 'No mail' };
const connection = { kind: 'demo', scenario: 'quarantined-org-default' } as const;

describe('case store', () => {
  it('starting a case shows the connect step and leaves running the flow to the main process', async () => {
    const fake = createFakeApi({ startCase: () => ok(caseView({}, { connect: { status: 'running' } })) });
    const store = createCaseStore(fake.api);
    expect(await store.getState().startCase({ subject, connection })).toBe(true);
    expect(store.getState().place).toBe('connect');
    expect(fake.callsOf('runStep')).toEqual([]);
    fake.emit('onCaseUpdated', caseView({ updatedAt: '2026-11-26T09:00:05.000Z' }, { connect: { status: 'done' } }));
    expect(store.getState().view?.steps[0]?.status).toBe('done');
  });

  it('a failed start stays on the start screen with a plain-words reason', async () => {
    const fake = createFakeApi({ startCase: () => failure('UNAVAILABLE', 'The demo tenant is not ready.') });
    const store = createCaseStore(fake.api);
    expect(await store.getState().startCase({ subject, connection })).toBe(false);
    expect(store.getState().place).toBe('start');
    expect(store.getState().error).toMatch(/demo tenant is not ready.*Try again/);
  });

  it('replaces the case on a pushed update but ignores older snapshots and other cases', async () => {
    const fake = createFakeApi({ openCase: () => ok(caseView({ updatedAt: '2026-11-26T09:00:10.000Z' })) });
    const store = createCaseStore(fake.api);
    await store.getState().openCase('case-0001-test');
    fake.emit('onCaseUpdated', caseView({ updatedAt: '2026-11-26T09:00:05.000Z', operator: 'stale' }));
    expect(store.getState().view?.operator).not.toBe('stale');
    fake.emit(
      'onCaseUpdated',
      caseView({ caseId: 'case-0002-other', updatedAt: '2026-11-26T10:00:00.000Z' }),
    );
    expect(store.getState().view?.caseId).toBe('case-0001-test');
    fake.emit(
      'onCaseUpdated',
      caseView({ updatedAt: '2026-11-26T09:00:20.000Z' }, { mailbox: { status: 'running' } }),
    );
    expect(store.getState().view?.steps[1]?.status).toBe('running');
  });

  it('a late runStep reply never rolls back a newer pushed snapshot', async () => {
    const reply = deferred<ReturnType<typeof ok<ReturnType<typeof caseView>>>>();
    const fake = createFakeApi({ startCase: () => ok(caseView()), runStep: () => reply.promise });
    const store = createCaseStore(fake.api);
    await fake.api.startCase({ subject, connection });
    store.setState({ view: caseView() });
    const running = store.getState().runStep('mailbox');
    fake.emit(
      'onCaseUpdated',
      caseView({ updatedAt: '2026-11-26T09:01:00.000Z' }, { mailbox: { status: 'done' } }),
    );
    reply.resolve(
      ok(caseView({ updatedAt: '2026-11-26T09:00:30.000Z' }, { mailbox: { status: 'running' } })),
    );
    await running;
    expect(store.getState().view?.steps[1]?.status).toBe('done');
  });

  it('going to a step only shows it: the engine runs steps, the operator may run one explicitly', async () => {
    const fake = createFakeApi({ runStep: () => ok(caseView({}, { mailbox: { status: 'done' } })) });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView({}, { connect: { status: 'done' } }) });
    store.getState().goTo('connect');
    store.getState().goTo('mailbox');
    await Promise.resolve();
    expect(store.getState().place).toBe('mailbox');
    expect(fake.callsOf('runStep')).toEqual([]);
    await store.getState().runStep('mailbox');
    expect(fake.callsOf('runStep').map((r) => r.stepId)).toEqual(['mailbox']);
  });

  it('a read-only case never runs steps or actions', async () => {
    const fake = createFakeApi({
      runStep: () => ok(caseView()),
      previewAction: () => ok({ description: 'x', command: 'y', allowed: true }),
    });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView({ readOnly: true }) });
    store.getState().goTo('mailbox');
    await store.getState().runStep('mailbox');
    await store.getState().previewAction({ kind: 'enable-debug-logging' });
    expect(fake.calls).toEqual([]);
    expect(store.getState().pendingAction).toBeNull();
  });

  it('runs an action only after its preview, with confirmed: true', async () => {
    const action = { kind: 'allow-device', deviceId: 'SEC1A2B3C4D5E6F7A8' } as const;
    const fake = createFakeApi({
      previewAction: () =>
        ok({
          description: 'Allow device SEC1A2B3C4D5E6F7A8 for alex',
          command: 'Set-CASMailbox …',
          allowed: true,
        }),
      runAction: () => ok(caseView({ updatedAt: '2026-11-26T09:02:00.000Z', audit: [] })),
    });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView() });
    expect(await store.getState().confirmAction()).toBe(false);
    await store.getState().previewAction(action);
    expect(store.getState().pendingAction).toMatchObject({ status: 'ready', preview: { allowed: true } });
    expect(await store.getState().confirmAction()).toBe(true);
    expect(fake.callsOf('runAction')).toEqual([{ caseId: 'case-0001-test', action, confirmed: true }]);
    expect(store.getState().pendingAction).toBeNull();
  });

  it('refuses to run an action the preview says is not allowed', async () => {
    const fake = createFakeApi({
      previewAction: () =>
        ok({
          description: 'Enable debug logging',
          command: 'Set-CASMailbox',
          allowed: false,
          reason: 'Needs Mail Recipients',
        }),
    });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView() });
    await store.getState().previewAction({ kind: 'enable-debug-logging' });
    expect(await store.getState().confirmAction()).toBe(false);
    expect(fake.callsOf('runAction')).toEqual([]);
  });

  it('keeps the dialog open with the reason when the action fails', async () => {
    const fake = createFakeApi({
      previewAction: () => ok({ description: 'd', command: 'c', allowed: true }),
      runAction: () => failure('PERMISSION_DENIED', 'You lack the Mail Recipients role.'),
    });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView() });
    await store.getState().previewAction({ kind: 'enable-activesync' });
    expect(await store.getState().confirmAction()).toBe(false);
    expect(store.getState().pendingAction).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Mail Recipients.*administrator/),
    });
  });

  it('loads evidence as text with its label, and drops a reply for a dialog already closed', async () => {
    const slow = deferred<ReturnType<typeof ok<{ text: string; truncated: boolean; contentType: string }>>>();
    const fake = createFakeApi({
      getEvidence: (r) =>
        r.evidenceId === 'ev-slow'
          ? slow.promise
          : ok({ text: '<b>raw</b>', truncated: false, contentType: 'application/json' }),
    });
    const store = createCaseStore(fake.api);
    store.setState({
      view: caseView({
        evidence: [
          {
            id: 'ev-1',
            label: 'Get-CASMailbox output',
            kind: 'cmdlet',
            source: 'Get-CASMailbox',
            capturedAt: '2026-11-26T09:00:00Z',
          },
        ],
      }),
    });
    await store.getState().showEvidence('ev-1');
    expect(store.getState().evidence).toMatchObject({
      label: 'Get-CASMailbox output',
      status: 'ready',
      text: '<b>raw</b>',
    });
    const pending = store.getState().showEvidence('ev-slow');
    store.getState().closeEvidence();
    slow.resolve(ok({ text: 'late', truncated: false, contentType: 'text/plain' }));
    await pending;
    expect(store.getState().evidence).toBeNull();
  });

  it('a cancelled step is not reported as an error', async () => {
    const fake = createFakeApi({ runStep: () => failure('CANCELLED', 'Cancelled by the operator.') });
    const store = createCaseStore(fake.api);
    store.setState({ view: caseView() });
    await store.getState().runStep('logs');
    expect(store.getState().stepErrors.logs).toBeUndefined();
  });

  it('opening a saved case lands on its summary', async () => {
    const fake = createFakeApi({ openCase: () => ok(caseView({ readOnly: true })) });
    const store = createCaseStore(fake.api);
    await store.getState().openCase('case-0001-test');
    expect(store.getState().place).toBe('summary');
    expect(store.getState().view?.readOnly).toBe(true);
  });
});
