import type { EvidenceItem, Matcher } from './types.js';
import { GLUE_TIMEOUT } from './signals.js';
import { around, firstCapture, hitsOf, isQuiet, items, levelOf, statusItem, unique } from './support.js';

const TIMEOUT_MIN = /(?<![A-Za-z])["']?Timeout["']?\s*[:=]\s*(\d+)/;
const EXECUTION_SEC = /(?<![A-Za-z])["']?ExecutionTime["']?\s*[:=]\s*(\d+)/;
const SESSION = /session[_ ]id[=:]\s*["']?([\w.-]+)|Session (\S+) (?:has )?timed out/i;

function minutes(sec: number): string {
  return `${Math.round(sec / 60)} min`;
}

export const glueTimeout: Matcher = {
  meta: {
    id: 'glue-timeout',
    title: 'Run hit its timeout',
    severity: 'high',
    signals: [GLUE_TIMEOUT],
  },
  match(evidence) {
    const run = evidence.glue?.run;
    const byState = evidence.status?.state === 'TIMEOUT' || run?.state === 'TIMEOUT';
    const hits = hitsOf(evidence, 'glue-timeout').filter(
      (h) => !isQuiet(levelOf(h)) || /TIMEOUT/.test(h.text),
    );
    if (!byState && hits.length === 0) return null;

    const context = hits.map(around).join('\n');
    const timeoutMin = run?.timeoutMin ?? evidence.glue?.job?.timeoutMin ?? numberIn(TIMEOUT_MIN, context);
    const executionSec = run?.executionTimeSec ?? numberIn(EXECUTION_SEC, context);
    const sessions = unique(hits.map((h) => firstCapture(SESSION, h.text)));
    const isSession = sessions.length > 0 || hits.some((h) => /session/i.test(h.text));
    const ran = executionSec !== undefined ? `, after running ${minutes(executionSec)}` : '';
    const limit = timeoutMin !== undefined ? ` of ${timeoutMin} min` : '';
    const evidenceItems: EvidenceItem[] = [...statusItem(evidence).filter(() => byState), ...items(hits)];

    if (byState || hits.some((h) => /JobRunState|Run State|Last state/.test(h.text))) {
      return {
        confidence: byState ? 0.95 : 0.88,
        summary: `The job run ${run?.runId ? `${run.runId} ` : ''}ended in state TIMEOUT: Glue stopped it at its timeout${limit}${ran}.`,
        evidence: evidenceItems,
        vars: {
          ...(timeoutMin !== undefined
            ? { timeoutMin: String(timeoutMin), longerTimeoutMin: String(timeoutMin * 2) }
            : {}),
        },
      };
    }
    return {
      confidence: isSession ? 0.85 : 0.75,
      summary: isSession
        ? `The Glue ${sessions[0] ? `session ${sessions[0]}` : 'interactive session'} timed out, so later statements failed${limit}.`
        : `The run timed out${limit}${ran}.`,
      evidence: evidenceItems,
      vars:
        timeoutMin !== undefined
          ? { timeoutMin: String(timeoutMin), longerTimeoutMin: String(timeoutMin * 2) }
          : {},
    };
  },
};

function numberIn(re: RegExp, text: string): number | undefined {
  const m = re.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}
