import { FIRST_RUN_EXPLANATION, REQUIRED_PERMISSIONS, REQUIRED_ROLES } from '../../shared/models/auth-setup';
import type { AppSettings, SetupRequirements } from '../../shared/models/settings';

/**
 * The first-run screen's content as data: the explanation, the exact delegated permissions and
 * roles, and the redirect URIs to register. MSAL listens on 127.0.0.1 but Entra matches the
 * registered `http://localhost` for any port, so a fixed port adds `http://localhost:<port>`.
 */
export function buildSetupRequirements(settings: AppSettings | null): SetupRequirements {
  const redirectUris = ['http://localhost'];
  if (settings?.redirectPort !== undefined) redirectUris.push(`http://localhost:${settings.redirectPort}`);
  return {
    explanation: [...FIRST_RUN_EXPLANATION],
    permissions: REQUIRED_PERMISSIONS.map((p) => ({ ...p })),
    roles: REQUIRED_ROLES.map((r) => ({ ...r, anyOf: [...r.anyOf] })),
    redirectUris,
  };
}
