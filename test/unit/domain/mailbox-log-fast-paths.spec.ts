import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBody } from '../../../src-main/domain/mailbox-log/body-scanner';
import { referenceScanBody } from './support/reference/body-scanner';

/**
 * The mailbox-log parser's hot paths were rewritten by hand for speed (issue 14). Each is held
 * here to the implementation it replaced (kept under support/reference) on generated input, so
 * the analysis of any log stays exactly what it was.
 */
const NAMES = ['Sync', 'Collections', 'Collection', 'SyncKey', 'CollectionId', 'Status', 'Responses', 'Response', 'Commands', 'Change', 'Add', 'Fetch', 'ServerId', 'ClientId', 'Provision', 'Policies', 'Policy', 'PolicyKey', 'RemoteWipe', 'AccountOnlyRemoteWipe', 'DeviceInformation', 'Set', 'Model', 'OS', 'FriendlyName', 'HeartbeatInterval', 'Ping', 'FolderSync', 'Body', 'x:y', '_a.b-c', 'a1'];
const soupToken = fc.oneof(
  fc.constantFrom('<', '>', '/', '</', '/>', '<?xml version="1.0" ?>', ' ', '\r\n', '\t', '=', '"', '&amp;', '&lt;', '&bogus;', '1', '12', '007', 'abc', 'é', '-', ':', '.', '_', '<Body=2817 bytes/>', ' bytes="22"', ' xmlns="AirSync:"'),
  fc.constantFrom(...NAMES),
  fc.constantFrom(...NAMES).map((n) => `<${n}>`),
  fc.constantFrom(...NAMES).map((n) => `</${n}>`),
  fc.constantFrom(...NAMES).map((n) => `<${n}/>`),
);
const soup = fc.array(soupToken, { maxLength: 60 }).map((t) => t.join(''));

interface Node {
  name: string;
  text?: string;
  children?: Node[];
}
const leafText = fc.oneof(fc.constantFrom('1', '3', '0', '12', ' 7 ', '5:12', 'x&amp;y', '', '999999999', '1234567890'), fc.string({ maxLength: 6 }));
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ name: fc.constantFrom(...NAMES), text: leafText }),
    fc.record({ name: fc.constantFrom(...NAMES), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;
const xml = (n: Node): string => (n.children !== undefined ? `<${n.name}>${n.children.map(xml).join('\r\n\t')}</${n.name}>` : `<${n.name}>${n.text}</${n.name}>`);
/** Well-formed bodies, some cut off at a random point (as truncated log entries are). */
const bodies = fc.tuple(tree, fc.nat(), fc.boolean()).map(([t, cut, whole]) => {
  const text = xml(t);
  return whole ? text : text.slice(0, cut % (text.length + 1));
});

describe('mailbox-log fast paths match the implementations they replaced', () => {
  it('scanBody: tag soup', () => {
    fc.assert(fc.property(soup, (body) => {
      expect(scanBody(body)).toEqual(referenceScanBody(body));
    }), { numRuns: 20_000 });
  });

  it('scanBody: EAS-like bodies, whole and cut off', () => {
    fc.assert(fc.property(bodies, (body) => {
      expect(scanBody(body)).toEqual(referenceScanBody(body));
    }), { numRuns: 20_000 });
  });
});
