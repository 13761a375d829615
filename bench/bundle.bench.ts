// Case bundle throughput and memory: export (plain and redacted) and verify of a case holding
// 100 MB of mailbox logs (four per-device logs, as Exchange writes them: one device id each, a few
// hundred client IPs). Goal: peak RSS under 250 MB in every phase (issue 8).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readCaseBundle } from '../src-main/services/cases/bundle/bundle-reader';
import { exportCaseBundle } from '../src-main/services/cases/bundle/bundle-writer';
import { CaseStore } from '../src-main/services/cases/case-store';

const MB = 1024 * 1024;
const LOG_FILES = 4;
const LOG_BYTES = 25 * MB;

/** A mailbox-log-shaped stream of about `bytes` bytes, generated on the fly (never held whole). */
function logStream(bytes: number, seed: number): Readable {
  let produced = 0;
  let n = 0;
  return new Readable({
    read() {
      if (produced >= bytes) return this.push(null);
      const id = randomBytes(8).toString('hex');
      const entry =
        `\r\n-----------------\r\n Log Entry: ${n++}\r\n-----------------\r\n\r\nRequestTime : \r\n05/14/2024 10:${String(n % 60).padStart(2, '0')}:02\r\n\r\n` +
        `RequestHeader : \r\nPOST /Microsoft-Server-ActiveSync/Proxy/default.eas?Cmd=Sync&User=user${seed}@contoso.example&DeviceId=dev${seed}&DeviceType=iPhone HTTP/1.1\r\n` +
        `Authorization: ********\r\nX-Forwarded-For: 52.96.${n % 250}.${seed}\r\n\r\nResponseBody : \r\n<Sync xmlns="AirSync:"><Status>${n % 7 === 0 ? 144 : 1}</Status><SyncKey>${id}</SyncKey></Sync>\r\n\r\n`;
      produced += entry.length;
      this.push(entry);
    },
  });
}

/** Runs `work` while sampling RSS every 5 ms; returns elapsed ms and the highest RSS seen. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; peakRssMb: number; result: T }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, peakRssMb: Math.round(peak / MB), result };
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bundle-bench-'));
  try {
    const store = new CaseStore(path.join(root, 'cases'));
    let doc = await store.create({
      operator: { name: 'Bench Operator' },
      subject: { userUpn: 'user1@contoso.example', deviceId: 'dev1', symptom: 'bench' },
      connection: { kind: 'demo', scenario: 'bench' },
      analysisEngineVersion: '1.0.0',
    });
    const attach = await measure(async () => {
      for (let i = 0; i < LOG_FILES; i++) {
        ({ doc } = await store.attachEvidence(
          doc,
          {
            step: 'read-log',
            kind: 'mailbox-log',
            source: 'Get-MobileDeviceStatistics -GetMailboxLog',
            contentType: 'text/plain',
          },
          logStream(LOG_BYTES, i + 1),
        ));
      }
    });
    const logMb = doc.evidence.reduce((sum, e) => sum + (e.size ?? 0), 0) / MB;
    console.log(
      `@@BENCH@@${JSON.stringify({ name: 'case attach evidence (scrubbed, 100 MB logs)', logMb: round(logMb), ms: Math.round(attach.ms), mbPerS: round(logMb / (attach.ms / 1000)), peakRssMb: attach.peakRssMb })}`,
    );

    for (const redact of [false, true]) {
      const outPath = path.join(root, redact ? 'redacted.zip' : 'plain.zip');
      const exported = await measure(() =>
        exportCaseBundle({ caseFolder: store.folderOf(doc.id), outPath, appVersion: 'bench', redact }),
      );
      const zipMb = (await stat(outPath)).size / MB;
      console.log(
        `@@BENCH@@${JSON.stringify({ name: `bundle export${redact ? ' --redact' : ''}`, logMb: round(logMb), zipMb: round(zipMb), ms: Math.round(exported.ms), mbPerS: round(logMb / (exported.ms / 1000)), peakRssMb: exported.peakRssMb, goalRssMb: 250 })}`,
      );

      const verified = await measure(() => readCaseBundle(outPath));
      console.log(
        `@@BENCH@@${JSON.stringify({ name: `bundle verify${redact ? ' (redacted)' : ''}`, logMb: round(logMb), ms: Math.round(verified.ms), mbPerS: round(logMb / (verified.ms / 1000)), peakRssMb: verified.peakRssMb, goalRssMb: 250 })}`,
      );
      if (exported.peakRssMb > 250 || verified.peakRssMb > 250) process.exitCode = 1;
    }
    console.log(`process maxRSS over the whole run: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

void main();
