/**
 * Comparisons of ranges of log text. The text arrives as views into decoded chunks (V8's sliced
 * strings), where every charCodeAt first resolves the view; cutting a range and comparing it whole
 * measured several times faster than a loop over its characters (section keys, tag names).
 */

/** Whether text[start, end) is `name`. */
export function spells(text: string, start: number, end: number, name: string): boolean {
  return text.slice(start, end) === name;
}

/** Whether text[a, a + length) and text[b, b + length) are the same characters. */
export function sameRange(text: string, a: number, b: number, length: number): boolean {
  return text.slice(a, a + length) === text.slice(b, b + length);
}
