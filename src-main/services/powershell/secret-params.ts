import allowList from '../../../assets/powershell/allowlist.json';

type ParamSpec = { type: string; secret?: boolean };
const cmdlets = allowList.cmdlets as Record<string, { params: Record<string, ParamSpec> }>;

/**
 * Values of the parameters allowlist.json marks `secret` (the access token) in one request.
 * The session blanks them out of any diagnostics line, in case a module prints one straight to
 * the console, where the host's own redaction cannot reach.
 */
export function secretValuesOf(cmdlet: string, params: Record<string, unknown>): string[] {
  const spec = Object.hasOwn(cmdlets, cmdlet) ? cmdlets[cmdlet]?.params : undefined;
  if (!spec) return [];
  return Object.entries(params)
    .filter(
      ([name, value]) =>
        Object.hasOwn(spec, name) &&
        spec[name]?.secret === true &&
        typeof value === 'string' &&
        value.length >= 8,
    )
    .map(([, value]) => value as string);
}
