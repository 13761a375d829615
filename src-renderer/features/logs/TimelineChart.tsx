import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { DeviceLogView } from '../../../src-main/shared/models/wizard';
import { describeTimeline, layoutTimeline, TIMELINE_LEGEND as LEGEND, type SegmentKind } from '../../logic/timeline';
import { formatTimestamp } from '../../logic/time';

const WIDTH = 900;
const HEIGHT = 120;

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  svg: {
    width: '100%',
    height: `${HEIGHT}px`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  ok: { fill: tokens.colorPaletteGreenBackground3 },
  warning: { fill: tokens.colorPaletteMarigoldBackground3 },
  // Held back (quarantine/block): its own hue plus a dashed outline, so it is told apart without colour.
  held: {
    fill: tokens.colorPaletteBerryBackground3,
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 1,
    strokeDasharray: '3 2',
  },
  // Errors also get a dark outline so they stand apart in every theme, not by hue alone.
  error: { fill: tokens.colorPaletteRedBackground3, stroke: tokens.colorNeutralForeground1, strokeWidth: 1 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, listStyleType: 'none', margin: 0, padding: 0 },
  swatch: {
    display: 'inline-block',
    width: '12px',
    height: '12px',
    marginRight: tokens.spacingHorizontalXS,
    verticalAlign: 'middle',
  },
  okSwatch: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  warningSwatch: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  heldSwatch: {
    backgroundColor: tokens.colorPaletteBerryBackground3,
    outline: `1px dashed ${tokens.colorNeutralForeground1}`,
  },
  errorSwatch: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    outline: `1px solid ${tokens.colorNeutralForeground1}`,
  },
});

/** Requests over time for one device, stacked by outcome, with a text summary and legend. */
export function TimelineChart({ log }: { log: DeviceLogView }) {
  const styles = useStyles();
  const bars = layoutTimeline(log.timeline, WIDTH, HEIGHT);
  const summary = describeTimeline(log);
  return (
    <figure className={styles.figure} data-testid="log-timeline">
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Timeline: ${summary}`}
      >
        {bars.map((bar) => (
          <g key={bar.start}>
            <title>{`${formatTimestamp(bar.start)}: ${bar.segments.map((s) => `${LEGEND[s.kind]} ${s.count}`).join('; ')}`}</title>
            {bar.segments.map((segment) => (
              <rect
                key={segment.kind}
                className={styles[segment.kind]}
                x={bar.x}
                y={segment.y}
                width={bar.width}
                height={segment.height}
              />
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className={styles.legend} aria-label="Legend">
          {(Object.keys(LEGEND) as SegmentKind[]).map((kind) => (
            <li key={kind} data-testid={`legend-${kind}`}>
              <span className={`${styles.swatch} ${styles[`${kind}Swatch`]}`} aria-hidden="true" />
              {LEGEND[kind]}
            </li>
          ))}
        </ul>
        <Text size={200}>{summary}</Text>
      </figcaption>
    </figure>
  );
}
