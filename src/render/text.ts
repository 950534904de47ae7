import type { Finding, Report } from '../engine/report.js';
import { headline, location, percent, safe, verdictWord } from './common.js';
import { painter, type Painter } from './style.js';
import { formatMetricLines, metricLines } from './metrics.js';

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function evidenceLines(finding: Finding, p: Painter, max = 8): string[] {
  const out: string[] = [];
  for (const e of finding.evidence.slice(0, max)) {
    out.push(`    ${p('cyan', safe(location(e)))}${e.timestamp ? p('dim', `  ${e.timestamp}`) : ''}`);
    out.push(`      ${safe(e.text)}`);
  }
  if (finding.evidence.length > max) out.push(p('dim', `    … ${finding.evidence.length - max} more`));
  return out;
}

function fixLines(finding: Finding, p: Painter): string[] {
  const out: string[] = [];
  finding.playbook.fixes.forEach((fix, i) => {
    out.push(`  ${p('bold', `${i + 1}. ${safe(fix.title)}`)}`);
    if (fix.detail) out.push(indent(safe(fix.detail), '     '));
    if (fix.command) out.push(indent(safe(fix.command), '     $ ').replace(/\n {5}\$ /g, '\n       '));
  });
  return out;
}

function alternativeLines(finding: Finding, p: Painter): string[] {
  if (!finding.alternatives?.length) return [];
  return [
    p('dim', '  Possible readings:'),
    ...finding.alternatives.map((a) =>
      p('dim', `    ${percent(a.confidence).padStart(4)}  ${safe(a.reading)}`),
    ),
  ];
}

function findingHeader(finding: Finding, p: Painter, rank: number): string {
  const tag = `[${finding.symptom} · ${finding.severity} · confidence ${finding.confidence.toFixed(2)}]`;
  const color = finding.severity === 'critical' || finding.severity === 'high' ? 'red' : 'yellow';
  return `${rank === 0 ? '' : `${rank + 1}. `}${p(['bold', color], finding.title)}  ${p('dim', tag)}`;
}

function sourceLines(report: Report, p: Painter): string[] {
  return report.sources.map((s) => {
    const mark = s.status === 'ok' ? p('green', '✓') : p('yellow', '!');
    const extra = [s.status === 'ok' ? '' : s.status, s.detail ?? '', s.truncated ? '(partial)' : '']
      .filter(Boolean)
      .join(' ');
    return `  ${mark} ${safe(s.name)}${extra ? p('dim', `  ${safe(extra)}`) : ''}`;
  });
}

/** The default report: the verdict first, then the evidence with locations, then fixes cheapest first. */
export function renderText(report: Report, options: { color?: boolean } = {}): string {
  const p = painter(options.color ?? false);
  const out: string[] = [];
  const mark =
    report.outcome === 'problem'
      ? p(['bold', 'red'], '✖')
      : report.outcome === 'no-problem'
        ? p(['bold', 'green'], '✔')
        : p(['bold', 'yellow'], '?');
  out.push(`${mark} ${p('bold', verdictWord(report))}  ${headline(report)}`);
  if (report.error) out.push(`  ${safe(report.error)}`);
  const [top, ...rest] = report.findings;
  if (top) {
    out.push('', findingHeader(top, p, 0), indent(safe(top.summary), '  '), ...alternativeLines(top, p));
    out.push('', p('bold', 'Evidence'), ...evidenceLines(top, p));
    out.push('', p('bold', 'Fixes, cheapest first'), ...fixLines(top, p));
  } else if (report.outcome === 'no-problem') {
    out.push('', '  Nothing in the catalogue matched what was read.');
  }
  if (rest.length > 0) {
    out.push('', p('bold', 'Also found'));
    rest.forEach((f, i) => {
      out.push('', findingHeader(f, p, i + 1), indent(safe(f.summary), '  '), ...evidenceLines(f, p, 3));
      const fix = f.playbook.fixes[0];
      if (fix) out.push(p('dim', `  First fix: ${safe(fix.title)}`));
    });
  }
  if (report.notes.length > 0) out.push('', p('bold', 'Notes'), ...report.notes.map((n) => `  - ${safe(n)}`));
  const metrics = formatMetricLines(metricLines(report));
  if (metrics.length > 0) {
    out.push(
      '',
      p('bold', 'Metrics'),
      ...metrics.map((m) => `  ${m.label}  ${m.spark}  ${p('dim', safe(m.detail))}`),
    );
  }
  if (report.sources.length > 0) out.push('', p('bold', 'Sources'), ...sourceLines(report, p));
  if (top) out.push('', p('dim', `Playbook: etl-doctor playbooks ${top.symptom}`));
  return out.join('\n') + '\n';
}
