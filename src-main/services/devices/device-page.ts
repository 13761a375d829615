import { z } from 'zod';
import { mobileDeviceSchema, type MobileDevice } from '../../shared/models/exchange';

/**
 * Reads one page of Get-MobileDevice objects from the host, validated against mobileDeviceSchema.
 *
 * A tenant listing brings 20 000 objects; running zod over each of them cost more than the JSON
 * itself. mobileDeviceSchema is a loose object whose properties are all plain types (a string, or
 * an optional and nullable string or boolean), so the same check is compiled once from the schema
 * into a table of the JavaScript types each property accepts (found by asking the schema itself),
 * and a page is checked against that table without copying anything. The decision is the schema's:
 * a page the table accepts is one zod accepts (test/unit/services/device-page.spec.ts holds the two
 * to the same answers), and a page it refuses goes through zod, so the error raised is zod's own.
 */
export function readMobileDevicePage(data: unknown): MobileDevice[] {
  if (isMobileDevicePage(data)) return data;
  return z.array(mobileDeviceSchema).parse(data);
}

/** JavaScript value types as bits, so a property's accepted types are one number to test against. */
const STRING = 1;
const BOOLEAN = 2;
const NUMBER = 4;
const NULL = 8;
const UNDEFINED = 16;
const OBJECT = 32;
const ARRAY = 64;
const PROBES: ReadonlyArray<readonly [number, unknown]> = [
  [STRING, 'x'],
  [BOOLEAN, true],
  [NUMBER, 1],
  [NULL, null],
  [UNDEFINED, undefined],
  [OBJECT, {}],
  [ARRAY, []],
];

/** The types a property's schema accepts, as bits; only for schemas whose answer depends on the type alone. */
function acceptedTypes(schema: z.ZodType): number {
  // A schema that refines values (a pattern, a range) is not decided by the type alone.
  const plain = (s: z.ZodType): boolean => {
    const def = (s as unknown as { def: { type: string; innerType?: z.ZodType; checks?: unknown[] } }).def;
    if (def.checks !== undefined && def.checks.length > 0) return false;
    if (def.type === 'optional' || def.type === 'nullable') return def.innerType !== undefined && plain(def.innerType);
    return def.type === 'string' || def.type === 'boolean';
  };
  if (!plain(schema)) throw new Error('device-page: a mobileDeviceSchema property is not a plain (optional, nullable) string or boolean; extend the compiled check.');
  let accepted = 0;
  for (const [bit, value] of PROBES) if (schema.safeParse(value).success) accepted |= bit;
  return accepted;
}

const entries = Object.entries(mobileDeviceSchema.shape);
const KEYS: readonly string[] = entries.map(([key]) => key);
const ACCEPTED: readonly number[] = entries.map(([, schema]) => acceptedTypes(schema as z.ZodType));

function typeBit(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    case 'undefined':
      return UNDEFINED;
    case 'object':
      return value === null ? NULL : Array.isArray(value) ? ARRAY : OBJECT;
    default:
      return OBJECT;
  }
}

/** True when every element is an object whose listed properties have accepted types. */
export function isMobileDevicePage(data: unknown): data is MobileDevice[] {
  if (!Array.isArray(data)) return false;
  for (const item of data) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
    const record = item as Record<string, unknown>;
    for (let i = 0; i < KEYS.length; i++) if (((ACCEPTED[i] as number) & typeBit(record[KEYS[i] as string])) === 0) return false;
  }
  return true;
}
