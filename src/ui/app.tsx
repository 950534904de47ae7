import { useCallback, useMemo } from 'react';
import { useApp, useInput } from 'ink';
import { DiagnosisView } from './components/diagnosis-view.js';
import { ListView } from './components/list-view.js';
import { diagnosisBody } from './diagnosis-layout.js';
import { keyToIntent, splitKeys } from './keys.js';
import { bodyHeight, listHeight } from './layout.js';
import { windowLabel } from './list-layout.js';
import type { ExitRequest, TriageDeps, TriageOptions } from './types.js';
import { useSpinner } from './use-spinner.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useTriage } from './use-triage.js';

export interface AppProps {
  deps: TriageDeps;
  options: TriageOptions;
  /** Told what the user asked for when leaving (quit, or print the diagnosis); the app then exits. */
  onExit?: (request: ExitRequest) => void;
}

/** The triage UI: state from useTriage, keys mapped to intents, views that only draw. */
export function App({ deps, options, onExit }: AppProps) {
  const { exit } = useApp();
  const leave = useCallback(
    (request: ExitRequest) => {
      onExit?.(request);
      exit();
    },
    [onExit, exit],
  );
  const { state, handle, latest } = useTriage(deps, options, leave);
  const size = useTerminalSize();
  const busy =
    state.list.status === 'loading' || (state.view === 'diagnosis' && state.diagnosis?.status === 'running');
  const frame = useSpinner(busy);
  const diagnosis = state.diagnosis;
  const body = useMemo(
    () => (diagnosis ? diagnosisBody(diagnosis, size.columns, frame) : []),
    [diagnosis, size.columns, frame],
  );
  const height = bodyHeight(size);

  useInput((input, key) => {
    for (const [press, pressed] of splitKeys(input, key)) {
      const current = latest.current;
      const currentBody =
        current.diagnosis === diagnosis
          ? body
          : current.diagnosis
            ? diagnosisBody(current.diagnosis, size.columns, frame)
            : [];
      const intent = keyToIntent(current, press, pressed, {
        listPage: listHeight(current, size),
        bodyPage: height,
        bodyMax: Math.max(0, currentBody.length - height),
      });
      if (intent) handle(intent);
    }
  });

  if (state.view === 'diagnosis' && diagnosis) {
    return (
      <DiagnosisView
        diagnosis={diagnosis}
        body={body}
        height={height}
        size={size}
        frame={frame}
        color={options.color}
        help={state.help}
      />
    );
  }
  return (
    <ListView
      state={state}
      size={size}
      frame={frame}
      color={options.color}
      window={windowLabel(options.since, options.now, options.sinceLabel)}
    />
  );
}
