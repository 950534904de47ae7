import { HELP } from '../keys.js';
import type { DisplayLine } from '../display.js';
import { Lines } from './line.js';

/** The `?` overlay: every key and what it does. */
export function HelpOverlay({ height, color }: { height: number; color: boolean }) {
  const lines: DisplayLine[] = [
    [
      { text: 'Keys', bold: true },
      { text: '   (? or Esc closes this)', dim: true },
    ],
    [{ text: ' ' }],
    ...HELP.map(([keys, what]): DisplayLine => [
      { text: `  ${keys.padEnd(15)}`, tone: 'cyan', bold: true },
      { text: what },
    ]),
    [{ text: ' ' }],
    [{ text: '  Times are UTC. Crawls that succeeded are listed too: a crawler can', dim: true }],
    [{ text: '  succeed and still make the wrong tables. A diagnosis here is the one', dim: true }],
    [{ text: '  `etl-doctor diagnose` makes.', dim: true }],
  ];
  return <Lines lines={lines} color={color} height={height} />;
}
