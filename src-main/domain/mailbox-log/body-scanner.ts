import { sameRange } from './text-ranges';
import { flatCopy } from './string-pool';

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

/**
 * What an element's name means to the scanner, decided once when the tag is read: the stack then
 * compares small numbers, not strings.
 */
const enum Kind {
  Other,
  Collection,
  Policy,
  Responses,
  Item,
  RemoteWipe,
  Provision,
  DeviceInformation,
  Status,
  SyncKey,
  CollectionId,
  ItemId,
  PolicyKey,
  HeartbeatInterval,
  Model,
  OS,
  FriendlyName,
}

/** First kind that is a leaf value the analysis reads (the WANTED names of the reference scanner). */
const FIRST_WANTED = Kind.Status;

/** The names the scanner knows, by length, with their kind. */
const KNOWN_NAMES: ReadonlyArray<ReadonlyArray<readonly [string, Kind]>> = (() => {
  const names: Array<readonly [string, Kind]> = [
    ['Collection', Kind.Collection], ['Policy', Kind.Policy], ['Responses', Kind.Responses], ['Response', Kind.Responses],
    ['Add', Kind.Item], ['Change', Kind.Item], ['Delete', Kind.Item], ['Fetch', Kind.Item], ['SoftDelete', Kind.Item],
    ['RemoteWipe', Kind.RemoteWipe], ['AccountOnlyRemoteWipe', Kind.RemoteWipe], ['Provision', Kind.Provision], ['DeviceInformation', Kind.DeviceInformation],
    ['Status', Kind.Status], ['SyncKey', Kind.SyncKey], ['CollectionId', Kind.CollectionId], ['ServerId', Kind.ItemId], ['ClientId', Kind.ItemId],
    ['PolicyKey', Kind.PolicyKey], ['HeartbeatInterval', Kind.HeartbeatInterval], ['Model', Kind.Model], ['OS', Kind.OS], ['FriendlyName', Kind.FriendlyName],
  ];
  const byLength: Array<Array<readonly [string, Kind]>> = [];
  for (const entry of names) (byLength[entry[0].length] ??= []).push(entry);
  return byLength;
})();

function kindOf(body: string, start: number, end: number): Kind {
  const candidates = KNOWN_NAMES[end - start];
  if (candidates === undefined) return Kind.Other;
  // Cut once, compared whole (see text-ranges.ts).
  const name = body.slice(start, end);
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] as readonly [string, Kind];
    if (candidate[0] === name) return candidate[1];
  }
  return Kind.Other;
}

/**
 * One open element. Frames are reused between tags and between calls (a body has thousands of
 * elements; allocating one object each was a large part of the scan's cost).
 */
interface Frame {
  kind: Kind;
  nameStart: number;
  nameEnd: number;
  contentStart: number;
  hasChild: boolean;
  collection: ScannedCollection | undefined;
  policy: ScannedPolicy | undefined;
  item: { kind: string; id?: string; status?: number } | undefined;
}

/** [A-Za-z_]: a tag name's first character; [\w.:-]: the rest (ASCII only, as the reference's regular expression). */
const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  NAME_START[c] = letter ? 1 : 0;
  NAME_CHAR[c] = letter || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45 ? 1 : 0;
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
  /** The next '<' after this tag when the search for its end already found it (-1: none; -2: not looked). */
  nextLt: number;
  /** A closing tag found to close the innermost open element (then findOpen is not needed). */
  closesTop: boolean;
}

/**
 * The next tag at or after `from`, written into `tag`; false when there is none. `top` is the
 * innermost open element: its closing tag, by far the most common one, is recognised with one
 * comparison (`</` + that name + `>` is exactly the tag the general reading would find).
 */
function nextTag(body: string, from: number, tag: TagMatch, top: Frame | undefined): boolean {
  const length = body.length;
  let p = tag.nextLt >= from ? tag.nextLt : tag.nextLt === -1 ? -1 : body.indexOf('<', from);
  while (p !== -1) {
    let q = p + 1;
    const closing = q < length && body.charCodeAt(q) === 47;
    if (closing) q++;
    if (closing && top !== undefined) {
      const nameLength = top.nameEnd - top.nameStart;
      if (body.charCodeAt(q + nameLength) === 62 && sameRange(body, top.nameStart, q, nameLength)) {
        tag.start = p;
        tag.end = q + nameLength + 1;
        tag.closing = true;
        tag.selfClosing = false;
        tag.nameStart = q;
        tag.nameEnd = q + nameLength;
        tag.nextLt = -2;
        tag.closesTop = true;
        return true;
      }
    }
    const first = q < length ? body.charCodeAt(q) : 128;
    if (first >= 128 || NAME_START[first] === 0) {
      p = body.indexOf('<', p + 1);
      continue;
    }
    let r = q + 1;
    for (; r < length; r++) {
      const c = body.charCodeAt(r);
      if (c >= 128 || NAME_CHAR[c] === 0) break;
    }
    let e: number;
    let nextLt = -2;
    if (r < length && body.charCodeAt(r) === 62) e = r;
    else {
      // Attributes: the tag ends at the next '>', unless a '<' comes first (then that '<' is the next candidate).
      e = body.indexOf('>', r);
      if (e === -1) return false;
      nextLt = body.indexOf('<', r);
      if (nextLt !== -1 && nextLt < e) {
        p = nextLt;
        continue;
      }
    }
    tag.start = p;
    tag.end = e + 1;
    tag.closing = closing;
    tag.selfClosing = !closing && e > r && body.charCodeAt(e - 1) === 47;
    tag.nameStart = q;
    tag.nameEnd = r;
    tag.nextLt = nextLt;
    tag.closesTop = false;
    return true;
  }
  return false;
}

/** Frames kept for reuse; scanBody is not re-entrant, and never calls itself. */
const framePool: Frame[] = [];

/** Scans one request or response body. */
export function scanBody(body: string): ScannedBody {
  const result: ScannedBody = { collections: [], itemStatuses: [], policies: [], remoteWipe: false };
  let depth = 0;
  const stack = framePool;
  let inResponses = 0;
  let provisionOpen = 0;
  let deviceInformationOpen = 0;
  const tag: TagMatch = { start: 0, end: 0, closing: false, selfClosing: false, nameStart: 0, nameEnd: 0, nextLt: -2, closesTop: false };
  for (let from = 0; nextTag(body, from, tag, depth > 0 ? stack[depth - 1] : undefined); from = tag.end) {
    if (!tag.closing) {
      const kind = kindOf(body, tag.nameStart, tag.nameEnd);
      if (depth > 0) (stack[depth - 1] as Frame).hasChild = true;
      else if (result.root === undefined) result.root = body.slice(tag.nameStart, tag.nameEnd);
      if (kind === Kind.RemoteWipe && provisionOpen > 0) result.remoteWipe = true;
      if (tag.selfClosing) continue;
      let frame = stack[depth];
      if (frame === undefined) {
        frame = { kind, nameStart: 0, nameEnd: 0, contentStart: 0, hasChild: false, collection: undefined, policy: undefined, item: undefined };
        stack[depth] = frame;
      }
      frame.kind = kind;
      frame.nameStart = tag.nameStart;
      frame.nameEnd = tag.nameEnd;
      frame.contentStart = tag.end;
      frame.hasChild = false;
      frame.collection = undefined;
      frame.policy = undefined;
      frame.item = undefined;
      if (kind === Kind.Collection) {
        frame.collection = {};
        result.collections.push(frame.collection);
      } else if (kind === Kind.Policy) {
        frame.policy = {};
        result.policies.push(frame.policy);
      } else if (kind === Kind.Responses) {
        inResponses++;
      } else if (inResponses > 0 && kind === Kind.Item) {
        frame.item = { kind: body.slice(tag.nameStart, tag.nameEnd) };
      } else if (kind === Kind.Provision) provisionOpen++;
      else if (kind === Kind.DeviceInformation) deviceInformationOpen++;
      depth++;
      continue;
    }
    // Closing tag: unwind to the matching open element; ignore a stray close.
    const at = tag.closesTop ? depth - 1 : findOpen(stack, depth, body, tag.nameStart, tag.nameEnd);
    if (at === -1) continue;
    while (depth - 1 > at) closeFrame(stack[--depth] as Frame, undefined);
    const frame = stack[--depth] as Frame;
    // Only the few leaf values we read are cut out of the body; PII-truncated leaves are skipped.
    const text = frame.hasChild || frame.kind < FIRST_WANTED ? undefined : decodeEntities(body.slice(frame.contentStart, tag.start).trim());
    closeFrame(frame, text);
  }
  // Cut-off body: close what is still open so partial records are kept.
  while (depth > 0) closeFrame(stack[--depth] as Frame, undefined);
  return result;

  /** Called with the frame already popped (depth is the parent's count). */
  function closeFrame(frame: Frame, text: string | undefined): void {
    const kind = frame.kind;
    if (kind === Kind.Responses) inResponses = Math.max(0, inResponses - 1);
    else if (kind === Kind.Provision) provisionOpen--;
    else if (kind === Kind.DeviceInformation) deviceInformationOpen--;
    if (frame.item !== undefined && frame.item.status !== undefined) {
      result.itemStatuses.push({ kind: frame.item.kind, id: frame.item.id, status: frame.item.status });
    }
    if (text === undefined) return;
    const parent = depth > 0 ? (stack[depth - 1] as Frame) : undefined;
    switch (kind) {
      case Kind.Status: {
        const code = toInt(text);
        if (code === undefined) return;
        if (depth === 1) result.rootStatus ??= code;
        else if (parent?.collection !== undefined) parent.collection.status = code;
        else if (parent?.policy !== undefined) parent.policy.status = code;
        else if (parent?.item !== undefined) parent.item.status = code;
        return;
      }
      case Kind.SyncKey:
        if (depth === 1) result.rootSyncKey = text;
        else if (parent?.collection !== undefined) parent.collection.syncKey = text;
        return;
      case Kind.CollectionId:
        if (parent?.collection !== undefined) parent.collection.collectionId = text;
        return;
      case Kind.ItemId:
        if (parent?.item !== undefined) parent.item.id ??= text;
        return;
      case Kind.PolicyKey:
        if (parent?.policy !== undefined) parent.policy.policyKey = text;
        return;
      case Kind.HeartbeatInterval:
        result.heartbeatInterval = toInt(text);
        return;
      case Kind.Model:
      case Kind.OS:
      case Kind.FriendlyName:
        if (deviceInformationOpen > 0) {
          const info = (result.deviceInformation ??= {});
          if (kind === Kind.Model) info.model = text;
          else if (kind === Kind.OS) info.os = text;
          else info.friendlyName = text;
        }
        return;
      default:
        return;
    }
  }
}

/** The innermost open element named like body[nameStart, nameEnd). */
function findOpen(stack: Frame[], depth: number, body: string, nameStart: number, nameEnd: number): number {
  const length = nameEnd - nameStart;
  for (let i = depth - 1; i >= 0; i--) {
    const frame = stack[i] as Frame;
    if (frame.nameEnd - frame.nameStart === length && sameRange(body, frame.nameStart, nameStart, length)) return i;
  }
  return -1;
}


/** /^\d{1,9}$/ read as a number, by hand (it runs for every status of every body). */
function toInt(text: string): number | undefined {
  if (text.length === 0 || text.length > 9) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

/**
 * Remembers the last body scanned per command, one memo per side (request, response): a phone on
 * Direct Push sends the same Ping body and gets the same answer again and again, and a body equal
 * to the last one of its command reads the same, so its scan is reused (compared, not scanned;
 * a different body usually differs within its first few hundred characters). The results are
 * shared between entries and must not be changed. Holds one body per command, so it belongs to
 * one parse, not to the module.
 */
export class BodyScanMemo {
  private readonly last = new Map<string | undefined, { text: string | undefined; result: ScannedBody; misses: number }>();

  scan(command: string | undefined, text: string): ScannedBody {
    const last = this.last.get(command);
    if (last !== undefined && last.text === text) {
      last.misses = 0;
      return last.result;
    }
    const result = scanBody(text);
    // The text is kept as a copy: a view into the log's text would keep its whole chunk alive,
    // and the collector would copy those chunks from one generation to the next. Long bodies (an
    // attachment) are not kept at all. A command whose bodies never repeat (Sync) stops being
    // copied after a run of misses, and is tried again now and then.
    if (last === undefined) {
      if (this.last.size < 64) this.last.set(command, { text: text.length > MEMO_TEXT_CAP ? undefined : flatCopy(text), result, misses: 0 });
      return result;
    }
    last.misses++;
    last.result = result;
    last.text = text.length > MEMO_TEXT_CAP || (last.misses > GIVE_UP_AFTER && last.misses % RETRY_EVERY !== 0) ? undefined : flatCopy(text);
    return result;
  }
}

const GIVE_UP_AFTER = 16;
const RETRY_EVERY = 64;
const MEMO_TEXT_CAP = 16 * 1024;
