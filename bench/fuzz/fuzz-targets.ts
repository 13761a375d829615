import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ws from 'ws';
import { MailboxLogParser, NotAMailboxLogError } from '../../src-main/domain/mailbox-log/parser';
import { parseClientFrame } from '../../src-main/host/ws-messages';
import { BundleRefusedError } from '../../src-main/services/cases/bundle/bundle-errors';
import { parseManifest } from '../../src-main/services/cases/bundle/bundle-reader';
import { validateRequestLine } from '../../src-main/services/demo/shell/request-validation';
import { parseProtocolLine, PROTOCOL_PREFIX } from '../../src-main/services/powershell/protocol';

/**
 * One parser under fuzz: seeds to mutate, tokens worth splicing in, and a run that throws only
 * on a crash. Refusals the parser is designed to give (NotAMailboxLogError, BundleRefusedError,
 * a WebSocket protocol error event) are outcomes, not crashes.
 */
export interface FuzzTarget {
  name: string;
  seeds: Buffer[];
  tokens: string[];
  /** Largest input the mutator builds for this target. */
  maxBytes: number;
  run(input: Buffer, split: number): void;
}

const ROOT = process.env.EAS_REPO_ROOT ?? process.cwd();
const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'mailbox-logs', name));

function mailboxLogTarget(): FuzzTarget {
  const full = [fixture('synthetic-iphone-healthy-16.1.txt'), fixture('synthetic-android-problems-14.1.txt')];
  // Entry-sized slices keep each run short; the whole files stay seeds too.
  const seeds = [...full, ...full.map((f) => f.subarray(0, 1500)), ...full.map((f) => f.subarray(f.length - 1500))];
  return {
    name: 'mailbox-log',
    seeds,
    tokens: ['\r\n-----------------\r\n Log Entry: ', '-----------------', 'RequestTime : \r\n', 'RequestHeader : \r\n', 'ResponseBody : \r\n', 'ResponseHeader : \r\n', 'POST /Microsoft-Server-ActiveSync/Proxy/default.eas?Cmd=Sync&User=a&DeviceId=b&DeviceType=c HTTP/1.1', 'HTTP/1.1 449 Retry With', '<Status>', '</Status>', '\uFEFF', '\uFFFD', '05/14/2024 10:00:02', '99/99/9999 99:99:99', 'MS-ASProtocolVersion: ', '<?xml version="1.0"?>', '\u0000'],
    maxBytes: 64 * 1024,
    run(input, split) {
      const parser = new MailboxLogParser({ onEntry: () => {}, onWarning: () => {}, sniffLimitChars: 64 * 1024 });
      try {
        // Two pushes at an arbitrary point: entry and character boundaries fall anywhere in a stream.
        parser.push(input.subarray(0, split));
        parser.push(input.subarray(split));
        parser.end();
      } catch (error) {
        if (!(error instanceof NotAMailboxLogError)) throw error;
      }
    },
  };
}

function manifestTarget(): FuzzTarget {
  const file = { path: 'case.json', sha256: 'a'.repeat(64), size: 1234 };
  const valid = {
    format: 'eas-troubleshooter-case-bundle',
    formatVersion: 1,
    appVersion: '0.1.0',
    caseId: 'case-20261204-101500-ab12cd',
    created: '2026-12-04T10:15:00.000Z',
    redacted: false,
    files: [file, { ...file, path: 'report.html' }, { ...file, path: 'evidence/ev-1.json' }],
  };
  return {
    name: 'bundle-manifest',
    seeds: [Buffer.from(JSON.stringify(valid)), Buffer.from(JSON.stringify(valid, null, 2)), Buffer.from('{}')],
    tokens: ['"formatVersion":', '"files":[', '"path":"../x"', '"size":-1', '1e309', '"__proto__":', '"constructor":', 'null', 'true', '[[[[[[[[', '\\u0000', '"evidence/', '9007199254740993'],
    maxBytes: 16 * 1024,
    run(input) {
      try {
        parseManifest(input);
      } catch (error) {
        if (!(error instanceof BundleRefusedError)) throw error;
      }
    },
  };
}

function ipcFrameTarget(): FuzzTarget {
  const frames = [
    { type: 'invoke', id: 1, channel: 'app:get-info', payload: {} },
    { type: 'invoke', id: 42, channel: 'case:start', payload: { subject: { userUpn: 'a@b.c', symptom: '' }, connection: { kind: 'demo', scenario: 'healthy-iphone' } } },
  ];
  return {
    name: 'ipc-frame',
    seeds: frames.map((f) => Buffer.from(JSON.stringify(f))),
    tokens: ['"id":', '-1', '1.5', '"__proto__":{"x":1}', '"channel":"', '"type":"invoke"', 'NaN', '1e400', '{"a":'.repeat(50)],
    maxBytes: 16 * 1024,
    run(input) {
      const frame = parseClientFrame(input.toString('utf8'));
      if (frame !== null && (!Number.isInteger(frame.id) || frame.id < 0 || typeof frame.channel !== 'string')) {
        throw new Error('parseClientFrame accepted a frame outside its schema');
      }
    },
  };
}

/** Builds a client (masked) WebSocket frame for the seeds. */
function wsFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const head = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]);
  const key = Buffer.from([1, 2, 3, 4]);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([head, key, body]);
}

/** ws's frame parser: a named export of its ES module, WebSocket.Receiver in CommonJS; not in its type definitions. */
interface FrameReceiver {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  write(chunk: Buffer): boolean;
}
const Receiver = (ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => FrameReceiver }).Receiver;

function wsFramesTarget(): FuzzTarget {
  const text = Buffer.from('{"type":"invoke","id":1,"channel":"app:get-info","payload":{}}');
  return {
    name: 'ws-frames',
    seeds: [
      wsFrame(1, text),
      Buffer.concat([wsFrame(1, text.subarray(0, 20), false), wsFrame(0, text.subarray(20))]),
      Buffer.concat([wsFrame(9, Buffer.from('ping')), wsFrame(8, Buffer.from([0x03, 0xe8]))]),
    ],
    tokens: ['\u0081\u00fe', '\u0081\u00ff', '\u0088\u0080', '\u0000\u0000\u0000\u0000', '\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff'],
    maxBytes: 8 * 1024,
    run(input, split) {
      // The host's WebSocket layer: the same receiver, server side, with the host's size limit.
      const receiver = new Receiver({ isServer: true, maxPayload: 16 * 1024 * 1024 });
      receiver.on('error', () => {});
      receiver.on('conclude', () => {});
      receiver.on('message', () => {});
      receiver.on('ping', () => {});
      receiver.on('pong', () => {});
      receiver.write(input.subarray(0, split));
      receiver.write(input.subarray(split));
    },
  };
}

function protocolResponseTarget(): FuzzTarget {
  const lines = [
    { type: 'ready', protocol: 1, host: { kind: 'pwsh', psVersion: '7.6.9', edition: 'Core', pid: 123 } },
    { type: 'response', id: 'r-1', ok: true, data: [{ Identity: 'x', DeviceId: 'y' }], warnings: [] },
    { type: 'response', id: 'r-2', ok: false, error: { kind: 'cmdlet-error', category: 'InvalidArgument', message: 'm', fullyQualifiedErrorId: 'f', cmdlet: 'Get-CASMailbox' } },
    { type: 'response', id: null, ok: false, error: { kind: 'bad-request', message: 'm' } },
  ];
  return {
    name: 'powershell-response-line',
    seeds: lines.map((l) => Buffer.from(`${PROTOCOL_PREFIX}${JSON.stringify(l)}`)),
    tokens: [PROTOCOL_PREFIX, '"ok":true', '"ok":false', '"data":', '"id":null', '"warnings":[', '"__proto__":', '1e999', '\\ud800'],
    maxBytes: 16 * 1024,
    run(input) {
      parseProtocolLine(input.toString('utf8'));
    },
  };
}

function protocolRequestTarget(): FuzzTarget {
  const lines = [
    { id: 'r-1', cmdlet: 'Host.Ping', params: {} },
    { id: 'r-2', cmdlet: 'Get-CASMailbox', params: { Identity: 'alex@contoso.com' } },
    { id: 'r-3', cmdlet: 'Connect-ExchangeOnline', params: { AccessToken: 'x', UserPrincipalName: 'a@b.c' } },
    { id: 'r-4', cmdlet: 'Set-CASMailbox', params: { Identity: 'a', ActiveSyncAllowedDeviceIDs: { add: ['d1'] } } },
  ];
  return {
    name: 'powershell-request-line',
    seeds: lines.map((l) => Buffer.from(JSON.stringify(l))),
    tokens: ['"cmdlet":"', 'Invoke-Expression', '"params":', '"Identity":', '{"add":', '"__proto__":', '$(', '`', ';', '|', '\u0000', '"constructor":{"prototype":'],
    maxBytes: 16 * 1024,
    run(input) {
      validateRequestLine(input.toString('utf8'));
    },
  };
}

export function fuzzTargets(): FuzzTarget[] {
  return [mailboxLogTarget(), manifestTarget(), ipcFrameTarget(), wsFramesTarget(), protocolResponseTarget(), protocolRequestTarget()];
}
