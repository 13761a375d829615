import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useSettingsStore } from '../../stores/store-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  name: { fontFamily: tokens.fontFamilyMonospace },
});

/** What the Entra administrator sets up once: the steps, the redirect URIs, permissions and roles. */
export function RequirementsSection() {
  const styles = useStyles();
  const requirements = useSettingsStore((s) => s.requirements);
  if (requirements === null) return null;
  return (
    <>
      <section className={styles.section} aria-labelledby="setup-steps-heading">
        <Text as="h3" id="setup-steps-heading" size={500} weight="semibold">
          What your administrator sets up once
        </Text>
        <ol className={styles.steps}>
          {requirements.explanation.map((paragraph) => (
            <li key={paragraph}>{paragraph}</li>
          ))}
        </ol>
        <Text data-testid="admin-guide-link">
          The whole setup, step by step (app registration, consent, roles, the least-privilege Exchange role script,
          deployment and backups), is in the admin guide: <code className={styles.name}>docs/admin-guide.md</code>, installed
          with the app as <code className={styles.name}>resources/docs/admin-guide.md</code>.
        </Text>
        <Text>
          Redirect URIs to register:{' '}
          {requirements.redirectUris.map((uri, i) => (
            <span key={uri}>
              {i > 0 && ' and '}
              <code className={styles.name}>{uri}</code>
            </span>
          ))}
        </Text>
      </section>
      <section className={styles.section} aria-labelledby="permissions-heading">
        <Text as="h3" id="permissions-heading" size={500} weight="semibold">
          Permissions the app registration needs (delegated)
        </Text>
        <Table aria-labelledby="permissions-heading" data-testid="required-permissions">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>API</TableHeaderCell>
              <TableHeaderCell>Permission</TableHeaderCell>
              <TableHeaderCell>Admin consent</TableHeaderCell>
              <TableHeaderCell>Why the tool needs it</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requirements.permissions.map((p) => (
              <TableRow key={`${p.api}/${p.name}`}>
                <TableCell>{p.api}</TableCell>
                <TableCell>
                  <span className={styles.name}>{p.name}</span>
                  {p.optional ? ' (optional)' : ''}
                </TableCell>
                <TableCell>{p.adminConsentRequired ? 'Required' : 'Not required'}</TableCell>
                <TableCell>{p.why}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section className={styles.section} aria-labelledby="roles-heading">
        <Text as="h3" id="roles-heading" size={500} weight="semibold">
          Roles your own account needs
        </Text>
        <Table aria-labelledby="roles-heading" data-testid="required-roles">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Where</TableHeaderCell>
              <TableHeaderCell>Any one of these roles</TableHeaderCell>
              <TableHeaderCell>What for</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requirements.roles.map((r) => (
              <TableRow key={`${r.system}/${r.forWhat}`}>
                <TableCell>{r.system}</TableCell>
                <TableCell>{r.anyOf.join(', ')}</TableCell>
                <TableCell>{r.forWhat}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </>
  );
}
