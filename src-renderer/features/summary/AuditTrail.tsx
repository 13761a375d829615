import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { formatTimestamp } from '../../logic/time';
import { useCaseStore } from '../../stores/store-context';

// Commands and read-backs are long unbroken strings: they wrap anywhere rather than push the page sideways at 1024 px.
const useStyles = makeStyles({ table: { tableLayout: 'auto', width: '100%' }, cell: { overflowWrap: 'anywhere' } });

/** Who did what to which object, and whether it worked: every change and read the case recorded. */
export function AuditTrail() {
  const styles = useStyles();
  const audit = useCaseStore((s) => s.view?.audit ?? []);
  if (audit.length === 0) return <Text>Nothing has been recorded yet.</Text>;
  return (
    <Table aria-label="Audit trail" size="small" className={styles.table} data-testid="audit-trail">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>On</TableHeaderCell>
          <TableHeaderCell>Result</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {audit.map((entry, i) => (
          <TableRow key={`${entry.at}-${i}`}>
            <TableCell className={styles.cell}>{formatTimestamp(entry.at)}</TableCell>
            <TableCell className={styles.cell}>{entry.who}</TableCell>
            <TableCell className={styles.cell}>
              {entry.action}
              {entry.details !== undefined ? ` (${entry.details})` : ''}
            </TableCell>
            <TableCell className={styles.cell}>{entry.target}</TableCell>
            <TableCell className={styles.cell}>{entry.result}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
