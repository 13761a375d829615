/** Which layer of an EAS response a status came from (eas-reference.md §1.7). */
export type StatusScope = 'global' | 'command' | 'collection' | 'item' | 'policy';

/** A status code with its name and a plain-words meaning. */
export interface StatusInfo {
  readonly code: number;
  readonly name: string;
  readonly meaning: string;
}

/** Builds a frozen code → info map from compact [code, name, meaning] rows. */
export function statusTable(rows: ReadonlyArray<readonly [number, string, string]>): ReadonlyMap<number, StatusInfo> {
  return new Map(rows.map(([code, name, meaning]) => [code, Object.freeze({ code, name, meaning })]));
}
