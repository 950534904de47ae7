import type { Finding, Report } from '../engine/report.js';
import { headline, location, percent, safe, verdictWord } from './common.js';
import { formatMetricLines, metricLines } from './metrics.js';

const code = (text: string) => `\`${safe(text).replace(/`/g, "'")}\``;

function finding(f: Finding, level: string): string[] {
  const out = [
    `${level} ${safe(f.title)} (\`${f.symptom}\`)`,
    '',
    `**Severity:** ${f.severity} · **Confidence:** ${f.confidence.toFixed(2)}${f.causedBy ? ` · **Effect of:** \`${f.causedBy}\`` : ''}`,
    '',
    safe(f.summary),
    '',
  ];
  if (f.alternatives?.length) {
    out.push(
      'Possible readings:',
      '',
      ...f.alternatives.map((a) => `- ${percent(a.confidence)}: ${safe(a.reading)}`),
      '',
    );
  }
  out.push('**Evidence**', '');
  for (const e of f.evidence) {
    out.push(
      `- ${code(location(e))}${e.timestamp ? ` at ${e.timestamp}` : ''}`,
      '',
      '  ```text',
      ...safe(e.text)
        .split('\n')
        .map((l) => `  ${l}`),
      '  ```',
      '',
    );
  }
  out.push('**Fixes, cheapest first**', '');
  f.playbook.fixes.forEach((fix, i) => {
    out.push(
      `${i + 1}. **${safe(fix.title)}**${fix.detail ? ` ${safe(fix.detail).replace(/\n+/g, ' ')}` : ''}`,
    );
    if (fix.command)
      out.push(
        '',
        '   ```sh',
        ...safe(fix.command)
          .split('\n')
          .map((l) => `   ${l}`),
        '   ```',
      );
    out.push('');
  });
  if (f.playbook.references.length > 0) {
    out.push('**References:** ' + f.playbook.references.map((r) => `[${r.title}](${r.url})`).join(' · '), '');
  }
  return out;
}

export function renderMarkdown(report: Report): string {
  const out = [`# etl-doctor: ${verdictWord(report)}`, '', `**Target:** ${headline(report)}`, ''];
  if (report.status?.message) out.push(`**AWS says:** ${code(report.status.message)}`, '');
  if (report.error) out.push(`**Error:** ${safe(report.error)}`, '');
  report.findings.forEach((f, i) => out.push(...finding(f, i === 0 ? '## Diagnosis:' : `## ${i + 1}.`)));
  if (report.notes.length > 0) out.push('## Notes', '', ...report.notes.map((n) => `- ${safe(n)}`), '');
  const metrics = formatMetricLines(metricLines(report));
  if (metrics.length > 0) {
    out.push(
      '## Metrics',
      '',
      '```text',
      ...metrics.map((m) => `${m.label}  ${m.spark}  ${safe(m.detail)}`),
      '```',
      '',
    );
  }
  out.push('## Sources', '', '| source | status | detail |', '|---|---|---|');
  for (const s of report.sources) {
    out.push(
      `| ${code(s.name)} | ${s.status}${s.truncated ? ' (partial)' : ''} | ${safe(s.detail ?? '').replace(/\|/g, '\\|')} |`,
    );
  }
  return out.join('\n') + '\n';
}
