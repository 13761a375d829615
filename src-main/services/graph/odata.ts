/** OData string literal: single quotes doubled, so a name like O'Brien cannot break the filter. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A Graph path segment for a user id or UPN (UPNs may contain `#`, `'` and other reserved characters). */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
