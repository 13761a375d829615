import { buildApi, type EasApi, type IpcTransport } from '../../src-main/shared/ipc/api';
import type { CaseView, LogEntryRow } from '../../src-main/shared/models/wizard';

/**
 * An in-page stand-in for the main process holding one device with `entryCount` log entries,
 * generated on demand (never all in memory). It isolates what the benchmark measures: the
 * renderer's list, not the backend's query speed. Responses still pass through buildApi, so they
 * are checked against the real IPC contract.
 */
export function createLargeLogApi(entryCount: number): EasApi {
  const caseId = 'bench-log-view-0001';
  const base = Date.parse('2026-11-26T08:00:00Z');
  const row = (index: number): LogEntryRow => {
    const failed = index % 97 === 0;
    return {
      seq: index + 1,
      requestTime: new Date(base + index * 1500).toISOString(),
      command: index % 3 === 0 ? 'Ping' : 'Sync',
      httpStatus: 200,
      status: failed ? '3 InvalidSyncKey' : '1 Success',
      outcome: failed ? 'error' : 'ok',
      roundTripMs: 120 + (index % 50),
      summary: failed ? 'Sync key rejected: the device must resync the folder' : 'Sync of Inbox, no changes',
    };
  };
  const buckets = 120;
  const view: CaseView = {
    caseId,
    subject: { userUpn: 'alex.wilber@contoso.example', symptom: 'Benchmark' },
    connection: { kind: 'demo', scenario: 'bench' },
    operator: 'helpdesk@contoso.example',
    readOnly: true,
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    clock: { kind: 'captured', now: '2026-11-26T09:00:00.000Z', speed: 0 },
    steps: [{ id: 'logs', title: 'Fetch and analyse logs', status: 'done', outcome: 'problem', checks: [], evidence: [] }],
    devices: [],
    logs: [
      {
        deviceId: 'BENCHDEVICE01',
        deviceType: 'iPhone',
        protocolVersion: '16.1',
        entryCount,
        timeline: Array.from({ length: buckets }, (_, i) => ({
          start: new Date(base + i * 60_000).toISOString(),
          ok: Math.floor(entryCount / buckets) - 20,
          warning: 5,
          error: 15,
        })),
        patterns: [],
      },
    ],
    findings: [],
    evidence: [],
    audit: [],
  };
  const answer = (value: unknown) => ({ ok: true, value });
  const transport: IpcTransport = {
    async invoke(channel, request) {
      const r = request as { offset: number; limit: number; seq: number };
      switch (channel) {
        case 'app:get-info':
          return answer({ productName: 'bench', version: '0.0.0', runtime: 'browser-host', platform: 'bench' });
        case 'scenarios:list':
        case 'cases:list':
          return answer([]);
        case 'cases:open':
          // The analysed case reaches the renderer: "the analysis ends" for the first-rows goal.
          performance.mark('analysis-ended');
          return answer(view);
        case 'logs:query': {
          const end = Math.min(entryCount, r.offset + r.limit);
          const rows: LogEntryRow[] = [];
          for (let i = r.offset; i < end; i++) rows.push(row(i));
          return answer({ total: entryCount, rows });
        }
        case 'logs:get-entry':
          return answer({ ...row(r.seq - 1), statuses: [], request: '<Sync/>', response: '<Status>1</Status>', headers: {} });
        default:
          return { ok: false, error: { code: 'UNAVAILABLE', message: `${channel} is not part of the benchmark` } };
      }
    },
    subscribe: () => () => {},
  };
  return buildApi(transport);
}
