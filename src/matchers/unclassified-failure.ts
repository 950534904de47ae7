import type { Matcher } from './types.js';
import { ERROR_LINE, FAILURE_MARKER, SUCCESS_MARKER } from './signals.js';
import { hitsOf, items, statusItem } from './support.js';

/**
 * The engine asks this matcher last, and only when no other symptom was found: a failed target is
 * never reported healthy.
 */
export const unclassifiedFailure: Matcher = {
  meta: {
    id: 'unclassified-failure',
    title: 'Failed for a reason etl-doctor does not recognise',
    severity: 'high',
    signals: [FAILURE_MARKER, ERROR_LINE, SUCCESS_MARKER],
  },
  match(evidence) {
    const failedByAws = evidence.status?.failed === true;
    const markers = hitsOf(evidence, 'failure-marker');
    if (!failedByAws && (evidence.status || markers.length === 0)) return null;
    const errors = hitsOf(evidence, 'error-line');
    const unread = evidence.sources.filter((s) => s.status !== 'ok');
    // A missing source's detail says what to do (logs not uploaded yet: wait; logging off: enable it).
    const gap = (s: (typeof unread)[number]) =>
      `${s.name} (${s.status}${s.status === 'missing' && s.detail ? `: ${s.detail}` : ''})`;
    const gaps = unread.length > 0 ? ` Not read: ${unread.map(gap).join('; ')}.` : '';
    const last = errors.at(-1) ?? markers.at(-1);
    const what = failedByAws
      ? `AWS reports ${evidence.status!.state}${evidence.status!.message ? `: ${evidence.status!.message}` : ''}`
      : 'The log shows a failure';
    return {
      confidence: unread.length > 0 ? 0.4 : 0.6,
      severity: failedByAws ? 'high' : 'medium',
      summary: `${what}. No known symptom explains it${last ? `; the last error in the logs is "${last.text.slice(0, 160)}"` : ''}.${gaps}`,
      evidence: [...statusItem(evidence), ...items([...markers.slice(-2), ...errors.slice(-3)], 5)],
    };
  },
};
