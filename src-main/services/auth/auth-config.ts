import { REQUIRED_PERMISSIONS, authSettingsSchema, type AuthSettings } from '../../shared/models/auth-setup';
import type { TokenResource } from './auth-service';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const EXCHANGE_RESOURCE = 'https://outlook.office365.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Everything MSAL needs, derived from the operator's settings. */
export interface MsalAuthConfig {
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant>`. */
  authority: string;
  /** Scopes of each token the app asks for. */
  scopes: Record<TokenResource, string[]>;
  /** Asked for at interactive sign-in next to the Graph scopes, so one consent covers both resources. */
  extraScopesToConsent: string[];
  redirectPort?: number;
}

/**
 * Builds the MSAL configuration from validated settings. The Exchange token is requested as
 * `https://outlook.office365.com/.default` (as the issue asks), which yields whatever the app
 * registration was granted, i.e. Exchange.Manage. Consent is requested for the explicit
 * `Exchange.Manage` scope, because Entra does not accept `.default` of one resource mixed with
 * named scopes of another in the same request.
 */
export function buildAuthConfig(input: unknown, authorityHost = DEFAULT_AUTHORITY_HOST): MsalAuthConfig {
  const settings: AuthSettings = authSettingsSchema.parse(input);
  const graphScopes = REQUIRED_PERMISSIONS.filter(
    (p) =>
      p.api === 'Microsoft Graph' &&
      (!p.optional || (settings.requestDirectoryReadAll && p.name === 'Directory.Read.All')),
  ).map((p) => `${GRAPH_RESOURCE}/${p.name}`);
  return {
    clientId: settings.clientId,
    authority: `${authorityHost}/${settings.tenant}`,
    scopes: { graph: graphScopes, exchange: [`${EXCHANGE_RESOURCE}/.default`] },
    extraScopesToConsent: [`${EXCHANGE_RESOURCE}/Exchange.Manage`],
    redirectPort: settings.redirectPort,
  };
}
