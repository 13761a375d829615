/**
 * Keeps one copy of repeated short strings (device ids, user agents, rule names). Besides saving
 * memory, it matters for streaming: a substring of a large chunk can keep the whole chunk alive in
 * V8, so values that outlive the chunk are copied once into the pool.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly limit = 50_000) {}

  get(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    const copy = detach(value);
    if (this.pool.size < this.limit) this.pool.set(copy, copy);
    return copy;
  }
}

/** A copy of the string that does not share storage with the text it was cut from. */
export function detach(value: string): string {
  // V8 copies strings shorter than 13 characters when slicing; longer ones may be views.
  return value.length < 13 ? value : JSON.parse(JSON.stringify(value));
}

/**
 * A cheap copy in storage of its own, for long values kept past their chunk: joining makes V8
 * write a new string, and the slice drops the added space (a view into that copy only).
 */
export function flatCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
