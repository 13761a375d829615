import {
  Button,
  Field,
  Input,
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
import { useEffect, useState } from 'react';
import { formatTimestamp } from '../../logic/time';
import { useCaseStore, useLibraryStore } from '../../stores/store-context';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Saved cases, newest first, searchable; opening one shows it for review. */
export function RecentCases() {
  const styles = useStyles();
  const cases = useLibraryStore((s) => s.cases);
  const status = useLibraryStore((s) => s.status);
  const error = useLibraryStore((s) => s.error);
  const refresh = useLibraryStore((s) => s.refresh);
  const openCase = useCaseStore((s) => s.openCase);
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => void refresh(query), query === '' ? 0 : 300);
    return () => clearTimeout(timer);
  }, [query, refresh]);
  return (
    <section className={styles.panel} aria-labelledby="recent-heading">
      <Text as="h3" id="recent-heading" size={500} weight="semibold">
        Recent cases
      </Text>
      <Field label="Search cases">
        <Input value={query} onChange={(_e, d) => setQuery(d.value)} placeholder="user, device or ticket" />
      </Field>
      {status === 'failed' && <Text>Could not list saved cases: {error}</Text>}
      {status === 'ready' && cases.length === 0 && (
        <Text>No saved cases{query !== '' ? ' match this search' : ' yet'}.</Text>
      )}
      {cases.length > 0 && (
        <Table aria-label="Recent cases" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Ticket</TableHeaderCell>
              <TableHeaderCell>Last change</TableHeaderCell>
              <TableHeaderCell>Top finding</TableHeaderCell>
              <TableHeaderCell>Open</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {cases.slice(0, 20).map((c) => (
              <TableRow key={c.caseId}>
                <TableCell>{c.userUpn}</TableCell>
                <TableCell>{c.ticketRef ?? '—'}</TableCell>
                <TableCell>{formatTimestamp(c.updatedAt)}</TableCell>
                <TableCell>{c.topFinding ?? (c.complete ? 'No problem found' : 'Not finished')}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => void openCase(c.caseId)}
                    aria-label={`Open the case of ${c.userUpn} from ${formatTimestamp(c.updatedAt)}`}
                  >
                    Open
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
