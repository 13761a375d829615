/**
 * The body scanner as it was before it was rewritten for speed (a regular expression per tag),
 * kept only as the reference the rewritten scanner is held to in property tests.
 */
import type { ScannedBody, ScannedCollection, ScannedPolicy } from '../../../../../src-main/domain/mailbox-log/body-scanner';

interface Frame {
  name: string;
  contentStart: number;
  hasChild: boolean;
  collection?: ScannedCollection;
  policy?: ScannedPolicy;
  item?: { kind: string; id?: string; status?: number };
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)([^<>]*)>/g;
const ITEM_KINDS = new Set(['Add', 'Change', 'Delete', 'Fetch', 'SoftDelete']);
const WANTED = new Set(['Status', 'SyncKey', 'CollectionId', 'ServerId', 'ClientId', 'PolicyKey', 'HeartbeatInterval', 'Model', 'OS', 'FriendlyName']);

/** Scans one request or response body. */
export function referenceScanBody(body: string): ScannedBody {
  const result: ScannedBody = { collections: [], itemStatuses: [], policies: [], remoteWipe: false };
  const stack: Frame[] = [];
  let inResponses = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(body); match !== null; match = TAG.exec(body)) {
    const closing = match[1] === '/';
    const name = match[2] as string;
    const selfClosing = !closing && (match[3] as string).endsWith('/');
    if (!closing) {
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.hasChild = true;
      else if (result.root === undefined) result.root = name;
      if (name === 'RemoteWipe' || name === 'AccountOnlyRemoteWipe') {
        if (stack.some((f) => f.name === 'Provision')) result.remoteWipe = true;
      }
      if (selfClosing) continue;
      const frame: Frame = { name, contentStart: match.index + match[0].length, hasChild: false };
      if (name === 'Collection') {
        frame.collection = {};
        result.collections.push(frame.collection);
      } else if (name === 'Policy') {
        frame.policy = {};
        result.policies.push(frame.policy);
      } else if (name === 'Responses' || name === 'Response') {
        inResponses++;
      } else if (inResponses > 0 && ITEM_KINDS.has(name)) {
        frame.item = { kind: name };
      }
      stack.push(frame);
      continue;
    }
    // Closing tag: unwind to the matching open element; ignore a stray close.
    const at = findOpen(stack, name);
    if (at === -1) continue;
    while (stack.length - 1 > at) closeFrame(stack.pop() as Frame, undefined);
    const frame = stack.pop() as Frame;
    // Only the few leaf values we read are cut out of the body; PII-truncated leaves are skipped.
    const text = frame.hasChild || !WANTED.has(frame.name) ? undefined : decodeEntities(body.slice(frame.contentStart, match.index).trim());
    closeFrame(frame, text);
  }
  // Cut-off body: close what is still open so partial records are kept.
  while (stack.length > 0) closeFrame(stack.pop() as Frame, undefined);
  return result;

  function closeFrame(frame: Frame, text: string | undefined): void {
    if (frame.name === 'Responses' || frame.name === 'Response') inResponses = Math.max(0, inResponses - 1);
    if (frame.item !== undefined && frame.item.status !== undefined) {
      result.itemStatuses.push({ kind: frame.item.kind, id: frame.item.id, status: frame.item.status });
    }
    if (text === undefined) return;
    const parent = stack[stack.length - 1];
    const depth = stack.length;
    switch (frame.name) {
      case 'Status': {
        const code = toInt(text);
        if (code === undefined) return;
        if (depth === 1) result.rootStatus ??= code;
        else if (parent?.collection !== undefined) parent.collection.status = code;
        else if (parent?.policy !== undefined) parent.policy.status = code;
        else if (parent?.item !== undefined) parent.item.status = code;
        return;
      }
      case 'SyncKey':
        if (depth === 1) result.rootSyncKey = text;
        else if (parent?.collection !== undefined) parent.collection.syncKey = text;
        return;
      case 'CollectionId':
        if (parent?.collection !== undefined) parent.collection.collectionId = text;
        return;
      case 'ServerId':
      case 'ClientId':
        if (parent?.item !== undefined) parent.item.id ??= text;
        return;
      case 'PolicyKey':
        if (parent?.policy !== undefined) parent.policy.policyKey = text;
        return;
      case 'HeartbeatInterval':
        result.heartbeatInterval = toInt(text);
        return;
      case 'Model':
      case 'OS':
      case 'FriendlyName':
        if (stack.some((f) => f.name === 'DeviceInformation')) {
          const info = (result.deviceInformation ??= {});
          if (frame.name === 'Model') info.model = text;
          else if (frame.name === 'OS') info.os = text;
          else info.friendlyName = text;
        }
        return;
      default:
        return;
    }
  }
}

function findOpen(stack: Frame[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if ((stack[i] as Frame).name === name) return i;
  return -1;
}

function toInt(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITIES[name] ?? '');
}
