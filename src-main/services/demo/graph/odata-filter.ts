/**
 * The slice of OData `$filter` the Graph simulator understands: comparisons (eq, ne, gt, ge, lt,
 * le) of a property path with a string, number, boolean, null or date-time literal, joined with
 * and/or, with parentheses. That covers the forms the app sends to /auditLogs/signIns. Anything
 * else is refused the way Graph refuses it: 400 "Invalid filter clause".
 */
export class FilterError extends Error {
  override name = 'FilterError';
}

type Literal = string | number | boolean | null;
export type FilterNode =
  | {
      kind: 'compare';
      property: string;
      op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
      value: Literal;
      isDate: boolean;
    }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode };

type Token =
  | { t: 'lparen' }
  | { t: 'rparen' }
  | { t: 'word'; v: string }
  | { t: 'literal'; v: Literal; isDate: boolean };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): FilterNode {
    let left = parsePrimary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: parsePrimary() };
    }
    return left;
  }
  function parsePrimary(): FilterNode {
    const token = next();
    if (token?.t === 'lparen') {
      const inner = parseOr();
      if (next()?.t !== 'rparen') throw new FilterError('missing closing parenthesis');
      return inner;
    }
    if (token?.t !== 'word') throw new FilterError('expected a property name');
    const op = next();
    if (op?.t !== 'word' || !COMPARISONS.has(op.v))
      throw new FilterError(`unsupported operator after ${token.v}`);
    const value = next();
    if (value?.t !== 'literal') throw new FilterError(`expected a value after ${token.v} ${op.v}`);
    return { kind: 'compare', property: token.v, op: op.v as 'eq', value: value.v, isDate: value.isDate };
  }

  const tree = parseOr();
  if (pos !== tokens.length) throw new FilterError('unexpected text after the filter');
  return tree;
}

/** Every property the filter names, so callers can refuse unsupported ones as Graph does. */
export function filterProperties(node: FilterNode): { property: string; op: string }[] {
  return node.kind === 'compare'
    ? [{ property: node.property, op: node.op }]
    : [...filterProperties(node.left), ...filterProperties(node.right)];
}

export function matchesFilter(node: FilterNode, item: Record<string, unknown>): boolean {
  if (node.kind !== 'compare') {
    return node.kind === 'and'
      ? matchesFilter(node.left, item) && matchesFilter(node.right, item)
      : matchesFilter(node.left, item) || matchesFilter(node.right, item);
  }
  const actual = readPath(item, node.property);
  if (node.isDate) {
    if (typeof actual !== 'string' || typeof node.value !== 'string') return false;
    return compare(Date.parse(actual), Date.parse(node.value), node.op);
  }
  if (typeof actual === 'string' && typeof node.value === 'string') {
    // Graph compares strings case-insensitively for these properties.
    return compare(actual.toLowerCase(), node.value.toLowerCase(), node.op);
  }
  return compare(actual as Literal, node.value, node.op);
}

function compare<T>(a: T, b: T, op: string): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a! > b!;
    case 'ge':
      return a! >= b!;
    case 'lt':
      return a! < b!;
    default:
      return a! <= b!;
  }
}

function readPath(item: Record<string, unknown>, property: string): unknown {
  return property
    .split('/')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      item,
    );
}

function isWord(token: Token | undefined, word: string): boolean {
  return token?.t === 'word' && token.v === word;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ t: ch === '(' ? 'lparen' : 'rparen' });
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterError('unterminated string');
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else {
          value += text[i++];
        }
      }
      tokens.push({ t: 'literal', v: value, isDate: false });
    } else {
      const match = /^[^\s()']+/.exec(text.slice(i))![0];
      i += match.length;
      if (DATE_LITERAL.test(match)) tokens.push({ t: 'literal', v: match, isDate: true });
      else if (/^-?\d+(\.\d+)?$/.test(match)) tokens.push({ t: 'literal', v: Number(match), isDate: false });
      else if (match === 'true' || match === 'false')
        tokens.push({ t: 'literal', v: match === 'true', isDate: false });
      else if (match === 'null') tokens.push({ t: 'literal', v: null, isDate: false });
      else if (/^[A-Za-z_][A-Za-z0-9_/]*$/.test(match)) tokens.push({ t: 'word', v: match });
      else throw new FilterError(`unexpected "${match}"`);
    }
  }
  return tokens;
}
