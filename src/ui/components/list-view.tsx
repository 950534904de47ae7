import { Box } from 'ink';
import type { DisplayLine } from '../display.js';
import { oneLine, shortId } from '../format.js';
import { listHeight } from '../layout.js';
import {
  emptyMessage,
  failedSourceRows,
  headerRow,
  itemRow,
  listOffset,
  sourcesRow,
} from '../list-layout.js';
import { cursorIndex, visibleItems, type TriageState } from '../state.js';
import type { TerminalSize } from '../use-terminal-size.js';
import { HelpOverlay } from './help-overlay.js';
import { Line, Lines } from './line.js';

export interface ListViewProps {
  state: TriageState;
  size: TerminalSize;
  frame: number;
  color: boolean;
  /** `last 24h: 11-19 03:14 → 11-20 03:14 UTC` */
  window: string;
}

const FOOTER = '↑↓ jk move · Enter diagnose · / search · f kind · r reload · ? help · q quit';

/** The list of recent problem items: draws the state, nothing else. */
export function ListView({ state, size, frame, color, window }: ListViewProps) {
  const visible = visibleItems(state);
  const cursor = cursorIndex(state, visible);
  const height = listHeight(state, size);
  const offset = listOffset(cursor, visible.length, height);
  const selected = visible[cursor];
  const count = state.list.items.length;
  const header: DisplayLine = [
    { text: 'etl-doctor triage', bold: true },
    { text: state.list.region ? `  ${oneLine(state.list.region)}` : '', tone: 'cyan' },
    { text: `  ${window}` },
    {
      text: `  kind: ${state.kind}`,
      tone: state.kind === 'all' ? undefined : 'magenta',
      bold: state.kind !== 'all',
    },
    {
      text: `  ${visible.length === count ? count : `${visible.length}/${count}`} item${count === 1 ? '' : 's'}`,
      dim: true,
    },
  ];
  const rows: DisplayLine[] =
    visible.length === 0
      ? emptyMessage(state, frame, window)
      : visible
          .slice(offset, offset + height)
          .map((item, i) => itemRow(item, offset + i === cursor, size.columns));
  const detail: DisplayLine = selected
    ? [
        { text: `${shortId(oneLine(selected.id), selected.id.startsWith('jr_') ? 16 : 40)}  `, tone: 'cyan' },
        {
          text:
            oneLine(selected.message) ||
            (selected.failed ? '' : 'last crawl succeeded: Enter checks the tables it made'),
          dim: true,
        },
      ]
    : [{ text: ' ' }];
  const search: DisplayLine[] = state.searching
    ? [
        [
          { text: '/', tone: 'magenta', bold: true },
          { text: ` ${oneLine(state.query)}` },
          { text: '▏', dim: true },
          { text: '   Enter keeps · Esc clears', dim: true },
        ],
      ]
    : state.query
      ? [
          [
            { text: 'search: ', dim: true },
            { text: oneLine(state.query), tone: 'magenta' },
            { text: '   / edits · Esc clears', dim: true },
          ],
        ]
      : [];
  return (
    <Box flexDirection="column" width={size.columns}>
      <Line line={header} color={color} />
      <Line line={sourcesRow(state.list.sources, frame)} color={color} />
      <Lines lines={failedSourceRows(state.list.sources)} color={color} />
      {state.help ? (
        <HelpOverlay height={height + 2} color={color} />
      ) : (
        <>
          <Line line={headerRow(size.columns)} color={color} />
          <Lines lines={rows} color={color} height={height} />
          <Line line={detail} color={color} />
        </>
      )}
      <Lines lines={search} color={color} />
      <Line line={[{ text: FOOTER, dim: true }]} color={color} />
    </Box>
  );
}
