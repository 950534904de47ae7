import { Box } from 'ink';
import { diagnosisStatus, diagnosisTitle } from '../diagnosis-layout.js';
import type { DisplayLine } from '../display.js';
import type { DiagnosisState } from '../state.js';
import type { TerminalSize } from '../use-terminal-size.js';
import { HelpOverlay } from './help-overlay.js';
import { Line, Lines } from './line.js';

export interface DiagnosisViewProps {
  diagnosis: DiagnosisState;
  /** Every body line at the current width (see diagnosisBody). */
  body: DisplayLine[];
  height: number;
  size: TerminalSize;
  frame: number;
  color: boolean;
  help: boolean;
}

/** One diagnosis: title, status, a scrolled window of the body, and the keys. */
export function DiagnosisView({ diagnosis, body, height, size, frame, color, help }: DiagnosisViewProps) {
  const max = Math.max(0, body.length - height);
  const scroll = Math.min(diagnosis.scroll, max);
  const shown = body.slice(scroll, scroll + height);
  const position = body.length > height ? `${scroll + 1}-${scroll + shown.length}/${body.length}  ` : '';
  const keys =
    diagnosis.status === 'done'
      ? '↑↓ jk PgUp/PgDn · r again · p print · Esc back · ? help · q quit'
      : '↑↓ jk scroll · r again · Esc back · ? help · q quit';
  return (
    <Box flexDirection="column" width={size.columns}>
      <Line line={diagnosisTitle(diagnosis)} color={color} />
      <Line line={diagnosisStatus(diagnosis, frame)} color={color} />
      {help ? (
        <HelpOverlay height={height} color={color} />
      ) : (
        <Lines lines={shown} color={color} height={height} />
      )}
      <Line
        line={[
          { text: position, tone: 'cyan' },
          { text: keys, dim: true },
        ]}
        color={color}
      />
    </Box>
  );
}
