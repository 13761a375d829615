// WBXML decode throughput against Debian's libwbxml (`wbxml2xml -l ACTIVESYNC`), side by side in
// one run on the same large capture body (issue 14). Goal: ours >= 0.5x libwbxml's throughput.
// The body is a Sync response of CAPTURE.items calendar items with attendees, bodies as STR_I and
// OPAQUE ConversationIds, like a first sync of a busy calendar.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeWbxml } from '../src-main/domain/wbxml/decode-wbxml';
import { encodeWbxml, type XmlElementInput } from '../src-main/domain/wbxml/encode-wbxml';
import { wbxmlToXml } from '../src-main/domain/wbxml/wbxml-to-xml';

const MB = 1024 * 1024;
const CAPTURE = { items: Number(process.env.WBXML_BENCH_ITEMS ?? 40_000), attendees: 6, bodyChars: 400 };
const RUNS = 3;

const el = (namespace: string, name: string, content?: string | XmlElementInput[]): XmlElementInput =>
  typeof content === 'string' ? { namespace, name, text: content } : { namespace, name, children: content ?? [] };

function item(i: number): XmlElementInput {
  const attendees = Array.from({ length: CAPTURE.attendees }, (_, a) => el('Calendar', 'Attendee', [el('Calendar', 'Email', `person${a}.${i}@contoso.example`), el('Calendar', 'Name', `Person ${a} Nr ${i}`), el('Calendar', 'AttendeeStatus', String(a % 4)), el('Calendar', 'AttendeeType', '1')]));
  return el('AirSync', 'Add', [
    el('AirSync', 'ServerId', `2:${i}`),
    el('AirSync', 'ApplicationData', [
      el('Calendar', 'DtStamp', '20260301T090000Z'),
      el('Calendar', 'StartTime', '20260302T090000Z'),
      el('Calendar', 'EndTime', '20260302T100000Z'),
      el('Calendar', 'Subject', `Weekly meeting about topic ${i} – planning & review`),
      el('Calendar', 'UID', `040000008200E00074C5B7101A82E008${i.toString(16).toUpperCase().padStart(16, '0')}`),
      el('Calendar', 'Location', 'Room 4.01 (Building B)'),
      el('AirSyncBase', 'Body', [el('AirSyncBase', 'Type', '1'), el('AirSyncBase', 'EstimatedDataSize', String(CAPTURE.bodyChars)), el('AirSyncBase', 'Data', 'Agenda: '.padEnd(CAPTURE.bodyChars, 'lorem ipsum dolor sit amet '))]),
      el('Calendar', 'Attendees', attendees),
      { namespace: 'Email2', name: 'ConversationId', opaque: Uint8Array.from({ length: 16 }, (_, b) => (i * 7 + b) & 0xff) },
      el('Calendar', 'BusyStatus', '2'),
      el('Calendar', 'Reminder', '15'),
    ]),
  ]);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wbxml-bench-'));
  try {
    const input = path.join(dir, 'sync-response.wbxml');
    const root = el('AirSync', 'Sync', [el('AirSync', 'Collections', [el('AirSync', 'Collection', [el('AirSync', 'SyncKey', '2'), el('AirSync', 'CollectionId', '2'), el('AirSync', 'Status', '1'), el('AirSync', 'Commands', Array.from({ length: CAPTURE.items }, (_, i) => item(i)))])])]);
    await writeFile(input, encodeWbxml(root));
    const size = (await stat(input)).size;

    const oracle = spawnSync('wbxml2xml', ['-h']);
    if (oracle.error !== undefined) throw new Error('wbxml2xml is not installed (scripts/setup/system.sh installs libwbxml2-utils)');
    const oracleMs: number[] = [];
    const oursMs: number[] = [];
    let oracleXmlBytes = 0;
    let ourXmlBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const out = path.join(dir, 'oracle.xml');
      let started = performance.now();
      const result = spawnSync('wbxml2xml', ['-l', 'ACTIVESYNC', '-m', '0', '-o', out, input], { encoding: 'utf8' });
      oracleMs.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`wbxml2xml failed: ${result.stderr}`);
      oracleXmlBytes = (await stat(out)).size;

      global.gc?.();
      started = performance.now();
      const bytes = await readFile(input);
      const xml = wbxmlToXml(decodeWbxml(bytes), { indent: 0 });
      await writeFile(path.join(dir, 'ours.xml'), xml);
      oursMs.push(performance.now() - started);
      ourXmlBytes = Buffer.byteLength(xml);
    }
    const best = (list: number[]) => Math.min(...list);
    const oracleMBps = size / MB / (best(oracleMs) / 1000);
    const oursMBps = size / MB / (best(oursMs) / 1000);
    console.log(`WBXML ${(size / MB).toFixed(1)} MB (${CAPTURE.items} calendar items) -> XML: libwbxml ${oracleXmlBytes} bytes, ours ${ourXmlBytes} bytes`);
    console.log(
      `@@BENCH@@${JSON.stringify({
        name: 'WBXML decode vs wbxml2xml (libwbxml)',
        wbxmlMB: Number((size / MB).toFixed(1)),
        wbxml2xmlMs: Math.round(best(oracleMs)),
        oursMs: Math.round(best(oursMs)),
        wbxml2xmlMBps: Number(oracleMBps.toFixed(1)),
        oursMBps: Number(oursMBps.toFixed(1)),
        throughputRatio: Number((oursMBps / oracleMBps).toFixed(2)),
        ratioGoal: 0.5,
      })}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
