import { useCallback, useEffect, useReducer, useRef } from 'react';
import { UserError } from '../errors.js';
import type { ProblemItem } from '../fetchers/account-list.js';
import { stripControl } from '../util/sanitize.js';
import type { Intent } from './keys.js';
import { initialState, reducer, selectedItem, type Action, type TriageState } from './state.js';
import type { ExitRequest, TriageDeps, TriageOptions } from './types.js';

function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = stripControl(message.split('\n')[0] ?? '');
  return err instanceof UserError || (err instanceof Error && err.name === 'FixtureError')
    ? first
    : `internal error: ${first}`;
}

/**
 * The triage UI's state and effects: lists on mount (and on reload), diagnoses on request, and turns
 * key intents into actions. Results of a superseded listing or diagnosis are dropped by request id.
 */
export function useTriage(
  deps: TriageDeps,
  options: Pick<TriageOptions, 'initialKind'>,
  onExit: (request: ExitRequest) => void,
) {
  const [state, dispatch] = useReducer(reducer, options, initialState);
  // Several keys can arrive in one chunk (a paste, tmux send-keys): each must see the state the
  // previous one left, before React renders again.
  const latest = useRef<TriageState>(state);
  const nextId = useRef(0);
  const apply = useCallback((action: Action) => {
    latest.current = reducer(latest.current, action);
    dispatch(action);
  }, []);

  const reload = useCallback(() => {
    const requestId = ++nextId.current;
    apply({ type: 'list/start', requestId });
    deps
      .loadList((event) => apply({ type: 'list/event', requestId, event }))
      .then(
        (result) => apply({ type: 'list/done', requestId, result }),
        (err: unknown) => apply({ type: 'list/failed', requestId, error: describeError(err) }),
      );
  }, [deps, apply]);

  const diagnose = useCallback(
    (item: ProblemItem) => {
      const requestId = ++nextId.current;
      apply({ type: 'diagnosis/start', requestId, item });
      deps
        .diagnose(item, (event) => apply({ type: 'diagnosis/progress', requestId, event }))
        .then(
          (report) => apply({ type: 'diagnosis/done', requestId, report }),
          (err: unknown) => apply({ type: 'diagnosis/failed', requestId, error: describeError(err) }),
        );
    },
    [deps, apply],
  );

  useEffect(() => {
    reload();
  }, [reload]);

  const handle = useCallback(
    (intent: Intent) => {
      const current = latest.current;
      switch (intent.type) {
        case 'reload':
          reload();
          return;
        case 'diagnose': {
          const item = selectedItem(current);
          if (!item) return;
          const previous = current.diagnosis;
          if (previous && previous.item.key === item.key && previous.status !== 'failed')
            apply({ type: 'view/diagnosis' });
          else diagnose(item);
          return;
        }
        case 'rediagnose':
          if (current.diagnosis) diagnose(current.diagnosis.item);
          return;
        case 'print':
          if (current.diagnosis?.report)
            onExit({ type: 'print', item: current.diagnosis.item, report: current.diagnosis.report });
          return;
        case 'quit':
          onExit({ type: 'quit' });
          return;
        default:
          apply(intent);
      }
    },
    [apply, reload, diagnose, onExit],
  );

  return { state, handle, latest };
}
