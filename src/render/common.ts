import type { Report } from '../engine/report.js';
import type { EvidenceItem } from '../matchers/types.js';
import { describeTarget } from '../target.js';
import { stripControl } from '../util/sanitize.js';

/** Every string that may come from a log or an API passes through here before it is printed. */
export const safe = (text: string | undefined): string => stripControl(text ?? '');

export function location(e: EvidenceItem): string {
  return `${e.location}${e.line !== undefined ? `:${e.line}` : ''}`;
}

export function headline(report: Report): string {
  const target = describeTarget(report.target);
  const state = report.status
    ? ` (${report.status.state}${report.region ? `, ${report.region}` : ''})`
    : report.region
      ? ` (${report.region})`
      : '';
  return `${safe(target)}${safe(state)}`;
}

export function verdictWord(report: Report): string {
  return { problem: 'PROBLEM', 'no-problem': 'NO PROBLEM FOUND', 'error-diagnosing': 'COULD NOT DIAGNOSE' }[
    report.outcome
  ];
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
