import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src-main/services/cases/redaction/redactor';
import { scrubSecrets } from '../../../src-main/services/cases/secret-scrubber';
import { createTextRewriteStream } from '../../../src-main/services/cases/text/text-rewrite-stream';

async function throughStream(
  input: Buffer,
  chunkSize: number,
  rewrite: (t: string) => string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunkSize) chunks.push(input.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(
    createTextRewriteStream(rewrite, { maxPendingChars: 256 }),
  )) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out);
}

describe('secret scrubber', () => {
  it.each([
    ['Authorization: Bearer abcdefgh.ijk', 'Authorization: [removed]'],
    ['"Authorization": "Basic YWxleDpwdw=="', '"Authorization": "[removed]"'],
    ['Authorization: ********', 'Authorization: ********'],
    ['token eyJhbGciOi.eyJzdWIiOi.c2ln here', 'token [removed] here'],
    ['?access_token=abc123&x=1', '?access_token=[removed]&x=1'],
    ['{"refresh_token": "r-1", "ok": true}', '{"refresh_token": "[removed]", "ok": true}'],
    ['AllowSimpleDevicePassword: True', 'AllowSimpleDevicePassword: True'],
    ['sent Basic YWxleDpwdw== in free text', 'sent Basic [removed] in free text'],
    ['Basic authentication for ActiveSync is retired', 'Basic authentication for ActiveSync is retired'],
    ['its Basic settings have no effect', 'its Basic settings have no effect'],
    ['Bearer abcdefghijkl', 'Bearer [removed]'],
    ['x Basic YWxleDpwdw== y', 'x Basic [removed] y'],
    // A bare scheme at a line end (a capture's CaptureAuthScheme section) keeps the next lines intact.
    ['CaptureAuthScheme : \r\nBasic\r\n\r\nCaptureError : \r\nnet::ERR', 'CaptureAuthScheme : \r\nBasic\r\n\r\nCaptureError : \r\nnet::ERR'],
  ])('%s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});

describe('streaming text rewrite', () => {
  it('gives the same result as rewriting the whole text, whatever the chunk size (UTF-8 and UTF-16LE)', async () => {
    const redactorFor = () => {
      const r = new Redactor();
      r.learnText('"UserDisplayName": "Zoë Ångström"');
      return r;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom(
            'alex@contoso.example',
            'Zoë Ångström',
            'Bearer abcdefghijkl',
            ' 10.1.2.3 ',
            '\n',
            'é',
            '€',
            'x'.repeat(300),
            'plain ',
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 97 }),
        fc.boolean(),
        async (parts, chunkSize, utf16) => {
          const redactor = redactorFor();
          const rewrite = (t: string) => redactor.rewrite(scrubSecrets(t));
          const source = parts.join(' ');
          const encoded = utf16
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')])
            : Buffer.from(source);
          const out = await throughStream(encoded, chunkSize, rewrite);
          const decoded = utf16 ? out.subarray(2).toString('utf16le') : out.toString('utf8');
          expect(decoded).toBe(redactorFor().rewrite(scrubSecrets(source)));
          expect(decoded).not.toMatch(/alex@contoso|Zoë Ångström|abcdefghijkl|10\.1\.2\.3/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('streams an empty input to an empty output', async () => {
    expect(await text(Readable.from([]).pipe(createTextRewriteStream((t) => t.toUpperCase())))).toBe('');
  });
});

describe('redactor', () => {
  it('replaces identifiers consistently and leaves times, versions and policy names alone', () => {
    const r = new Redactor();
    r.learnText(
      '{"DeviceId": "ApplF4K7Q2", "displayName": "Block EAS for Sales", "UserDisplayName": "Alex Wilber"}',
    );
    const out = r.rewrite(
      'ApplF4K7Q2 alex.wilber@contoso.example ALEX.WILBER@contoso.example Alex Wilber 10:15:02 15.20.7452.028 ' +
        'Block EAS for Sales 52.96.1.2 2603:1036::5 POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1',
    );
    expect(out).toBe(
      'REDACTEDDEVICE0001 user1@redacted.invalid user1@redacted.invalid Person 1 10:15:02 15.20.7452.028 ' +
        'Block EAS for Sales 192.0.2.1 2001:db8::1 POST /Microsoft-Server-ActiveSync?REDACTED-BASE64-QUERY HTTP/1.1',
    );
    expect(r.rewrite('User=alex.wilber&x')).toBe('User=user1&x');
  });
});
