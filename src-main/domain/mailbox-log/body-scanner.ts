/**
 * Tolerant reader for the XML bodies in a mailbox log. The bodies are not always well-formed
 * (`<Body=2817 bytes/>`, PII truncated to `bytes="22"`, cut-off text), so instead of an XML parser
 * this walks the tags with one regular expression, keeps a stack of open elements and picks out the
 * few leaf values the analysis needs. It never throws.
 */
export interface ScannedCollection {
  collectionId?: string;
  syncKey?: string;
  status?: number;
}

export interface ScannedItemStatus {
  kind: string;
  id?: string;
  status: number;
}

export interface ScannedPolicy {
  status?: number;
  policyKey?: string;
}

export interface ScannedBody {
  root?: string;
  rootStatus?: number;
  /** SyncKey directly under the root (FolderSync). */
  rootSyncKey?: string;
  collections: ScannedCollection[];
  itemStatuses: ScannedItemStatus[];
  policies: ScannedPolicy[];
  remoteWipe: boolean;
  heartbeatInterval?: number;
  deviceInformation?: { model?: string; os?: string; friendlyName?: string };
}

interface Frame {
  name: string;
  contentStart: number;
  hasChild: boolean;
  collection?: ScannedCollection;
  policy?: ScannedPolicy;
  item?: { kind: string; id?: string; status?: number };
}

const ITEM_KINDS = new Set(['Add', 'Change', 'Delete', 'Fetch', 'SoftDelete']);
const WANTED = new Set(['Status', 'SyncKey', 'CollectionId', 'ServerId', 'ClientId', 'PolicyKey', 'HeartbeatInterval', 'Model', 'OS', 'FriendlyName']);

/** [A-Za-z_]: a tag name's first character. */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** [\w.:-]: the rest of a tag name. */
function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 58 || c === 45;
}

/**
 * One tag, found by hand where a regular expression used to be (`<(\/?)([A-Za-z_][\w.:-]*)([^<>]*)>`,
 * same matches): a body scan runs over every tag of a 200 MB log, and the expression's match arrays
 * and captured strings were most of its cost. Reused between calls; `name*` are offsets into the body.
 */
interface TagMatch {
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
  nameStart: number;
  nameEnd: number;
}

/** The next tag at or after `from`, written into `tag`; false when there is none. */
function nextTag(body: string, from: number, tag: TagMatch): boolean {
  const length = body.length;
  for (let p = body.indexOf('<', from); p !== -1; p = body.indexOf('<', p + 1)) {
    let q = p + 1;
    const closing = q < length && body.charCodeAt(q) === 47;
    if (closing) q++;
    if (q >= length || !isNameStart(body.charCodeAt(q))) continue;
    let r = q + 1;
    while (r < length && isNameChar(body.charCodeAt(r))) r++;
    let e = r;
    for (; e < length; e++) {
      const c = body.charCodeAt(e);
      if (c === 60 || c === 62) break;
    }
    if (e >= length || body.charCodeAt(e) !== 62) continue;
    tag.start = p;
    tag.end = e + 1;
    tag.closing = closing;
    tag.selfClosing = !closing && e > r && body.charCodeAt(e - 1) === 47;
    tag.nameStart = q;
    tag.nameEnd = r;
    return true;
  }
  return false;
}

/** Scans one request or response body. */
export function scanBody(body: string): ScannedBody {
  const result: ScannedBody = { collections: [], itemStatuses: [], policies: [], remoteWipe: false };
  const stack: Frame[] = [];
  let inResponses = 0;
  const tag: TagMatch = { start: 0, end: 0, closing: false, selfClosing: false, nameStart: 0, nameEnd: 0 };
  for (let from = 0; nextTag(body, from, tag); from = tag.end) {
    if (!tag.closing) {
      const name = body.slice(tag.nameStart, tag.nameEnd);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.hasChild = true;
      else if (result.root === undefined) result.root = name;
      if (name === 'RemoteWipe' || name === 'AccountOnlyRemoteWipe') {
        if (stack.some((f) => f.name === 'Provision')) result.remoteWipe = true;
      }
      if (tag.selfClosing) continue;
      const frame: Frame = { name, contentStart: tag.end, hasChild: false };
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
    const at = findOpen(stack, body, tag.nameStart, tag.nameEnd);
    if (at === -1) continue;
    while (stack.length - 1 > at) closeFrame(stack.pop() as Frame, undefined);
    const frame = stack.pop() as Frame;
    // Only the few leaf values we read are cut out of the body; PII-truncated leaves are skipped.
    const text = frame.hasChild || !WANTED.has(frame.name) ? undefined : decodeEntities(body.slice(frame.contentStart, tag.start).trim());
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

/** The innermost open element named like body[nameStart, nameEnd), compared in place. */
function findOpen(stack: Frame[], body: string, nameStart: number, nameEnd: number): number {
  const length = nameEnd - nameStart;
  for (let i = stack.length - 1; i >= 0; i--) {
    const name = (stack[i] as Frame).name;
    if (name.length === length && body.startsWith(name, nameStart)) return i;
  }
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
