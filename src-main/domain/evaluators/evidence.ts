/** Evidence that could not be collected, with the reason in plain words (e.g. "missing Reports Reader role"). */
export interface Unavailable {
  readonly unavailable: string;
}

/** A piece of evidence: either present, or explicitly unavailable. */
export type Evidence<T> = T | Unavailable;

export function isUnavailable<T>(evidence: Evidence<T>): evidence is Unavailable {
  return typeof evidence === 'object' && evidence !== null && typeof (evidence as Unavailable).unavailable === 'string';
}

/** Cmdlet output and Graph JSON use null for empty lists; this treats both the same. */
export type List<T> = readonly T[] | null | undefined;

export function list<T>(value: List<T>): readonly T[] {
  return value ?? [];
}
