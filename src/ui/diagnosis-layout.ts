import type { Finding, Report } from '../engine/report.js';
import { location, percent, verdictWord } from '../render/common.js';
import { describeTarget } from '../target.js';
import { blank, sourceParts, spinnerFrame, type DisplayLine, type Part } from './display.js';
import { chop, duration, middle, oneLine, shortId, shortTime, wrap } from './format.js';
import type { DiagnosisState } from './state.js';

/** Every line of the diagnosis body at a width; the view shows a window of them. */

const MAX_EVIDENCE_TEXT_LINES = 3;

function indented(lines: string[], pad: number, look: Omit<Part, 'text'> = {}): DisplayLine[] {
  return lines.map((text) => [{ text: ' '.repeat(pad) + text, ...look }]);
}

function heading(text: string): DisplayLine[] {
  return [blank(), [{ text, bold: true }]];
}

function verdictMark(report: Report): Part {
  if (report.outcome === 'problem') return { text: '✖', tone: 'red', bold: true };
  if (report.outcome === 'no-problem') return { text: '✔', tone: 'green', bold: true };
  return { text: '?', tone: 'yellow', bold: true };
}

function severityTone(finding: Finding): Part['tone'] {
  return finding.severity === 'critical' || finding.severity === 'high' ? 'red' : 'yellow';
}

function evidenceLines(finding: Finding, width: number): DisplayLine[] {
  const out: DisplayLine[] = [];
  for (const e of finding.evidence) {
    // The location is cut in the middle so that its line number stays; the time goes when space is short.
    const stamp = e.timestamp ? `  ${oneLine(e.timestamp)}` : '';
    const where = oneLine(location(e));
    const room = width - 2 - stamp.length;
    const fits = [...where].length <= room || room >= 40;
    out.push([
      { text: `  ${middle(where, fits ? room : width - 2)}`, tone: 'cyan' },
      { text: fits ? stamp : '', dim: true },
    ]);
    const text = wrap(oneLine(e.text), width - 4);
    const shown = text.slice(0, MAX_EVIDENCE_TEXT_LINES);
    if (text.length > shown.length) shown[shown.length - 1] = `${shown[shown.length - 1]}…`;
    out.push(...indented(shown, 4));
  }
  return out;
}

function fixLines(finding: Finding, width: number): DisplayLine[] {
  const out: DisplayLine[] = [];
  finding.playbook.fixes.forEach((fix, i) => {
    out.push([{ text: `  ${i + 1}. ${oneLine(fix.title)}`, bold: true }]);
    if (fix.detail) out.push(...indented(wrap(fix.detail, width - 5), 5));
    if (fix.command) {
      // Commands are cut, not word-wrapped, so that what is shown is exactly what to run.
      chop(fix.command, width - 7).forEach((text, j) =>
        out.push([
          { text: j === 0 ? '     $ ' : '       ', dim: true },
          { text, tone: 'cyan' },
        ]),
      );
    }
  });
  return out;
}

function findingLines(report: Report, width: number): DisplayLine[] {
  const out: DisplayLine[] = [];
  const [top, ...rest] = report.findings;
  out.push([
    verdictMark(report),
    { text: ` ${verdictWord(report)}`, bold: true },
    ...(top ? [{ text: `  ${oneLine(top.title)}`, bold: true, tone: severityTone(top) } satisfies Part] : []),
  ]);
  if (report.error) out.push(...indented(wrap(report.error, width - 2), 2));
  if (top) {
    out.push([
      { text: `  ${top.symptom} · ${top.severity} · confidence ${top.confidence.toFixed(2)}`, dim: true },
    ]);
    if (top.causedBy) out.push([{ text: `  caused by ${top.causedBy}`, dim: true }]);
    out.push(...indented(wrap(top.summary, width - 2), 2));
    if (top.alternatives?.length) {
      out.push([{ text: '  Possible readings:', dim: true }]);
      for (const a of top.alternatives) {
        const lines = wrap(oneLine(a.reading), width - 10);
        lines.forEach((text, i) =>
          out.push([
            {
              text: `${i === 0 ? `    ${percent(a.confidence).padStart(4)}  ` : ' '.repeat(10)}${text}`,
              dim: true,
            },
          ]),
        );
      }
    }
    out.push(...heading('Evidence'), ...evidenceLines(top, width));
    out.push(...heading('Fixes, cheapest first'), ...fixLines(top, width));
  } else if (report.outcome === 'no-problem') {
    out.push([{ text: '  Nothing in the catalogue matched what was read.' }]);
  }
  if (rest.length > 0) {
    out.push(...heading('Also found'));
    rest.forEach((f, i) => {
      out.push([
        { text: `  ${i + 2}. ${oneLine(f.title)}`, bold: true, tone: severityTone(f) },
        { text: `  [${f.symptom} · ${f.severity}]`, dim: true },
      ]);
      out.push(...indented(wrap(f.summary, width - 5), 5));
      const fix = f.playbook.fixes[0];
      if (fix) out.push([{ text: `     first fix: ${oneLine(fix.title)}`, dim: true }]);
    });
  }
  if (report.notes.length > 0) {
    out.push(...heading('Notes'));
    for (const note of report.notes)
      out.push(
        ...wrap(note, width - 4).map((text, i): DisplayLine => [
          { text: `${i === 0 ? '  - ' : '    '}${text}` },
        ]),
      );
  }
  return out;
}

/** The body of the diagnosis view: sources as they are read, then the report. */
export function diagnosisBody(d: DiagnosisState, width: number, frame: number): DisplayLine[] {
  const w = Math.max(20, width);
  const out: DisplayLine[] = [];
  const sourceLines = d.sources.map((s) => [{ text: '  ' }, ...sourceParts(s, frame)]);
  if (d.status === 'running') {
    out.push([{ text: 'Reading sources', bold: true }]);
    out.push(...sourceLines);
    if (d.sources.length === 0) out.push([{ text: `  ${spinnerFrame(frame)} starting…`, tone: 'cyan' }]);
    for (const m of d.messages) out.push([{ text: `  ${oneLine(m)}`, dim: true }]);
    return out;
  }
  if (d.status === 'failed' || !d.report) {
    if (sourceLines.length) out.push([{ text: 'Sources', bold: true }], ...sourceLines, blank());
    out.push(
      ...wrap(`✖ Could not diagnose: ${oneLine(d.error)}`, w).map((text): DisplayLine => [
        { text, tone: 'red', bold: true },
      ]),
    );
    out.push([{ text: '  r tries again, Esc goes back to the list.', dim: true }]);
    return out;
  }
  out.push(...findingLines(d.report, w));
  out.push(...heading('Target'), ...indented(chop(describeTarget(d.report.target), w - 2), 2));
  if (d.item.consoleUrl)
    out.push(
      [{ text: '  AWS console:', dim: true }],
      ...indented(chop(d.item.consoleUrl, w - 2), 2, { tone: 'cyan' }),
    );
  if (sourceLines.length) out.push(...heading('Sources'), ...sourceLines);
  const top = d.report.findings[0];
  if (top) out.push(blank(), [{ text: `Playbook: etl-doctor playbooks ${top.symptom}`, dim: true }]);
  return out;
}

/** The title line: what is diagnosed, its state and when it ran. */
export function diagnosisTitle(d: DiagnosisState): DisplayLine {
  const item = d.item;
  return [
    { text: '‹ ', dim: true },
    { text: `${item.kind} `, tone: 'cyan' },
    { text: oneLine(item.name), bold: true },
    { text: `  ${oneLine(item.state)}`, tone: item.failed ? 'red' : 'green', bold: true },
    { text: `  ${shortTime(item.startedOn)} UTC · ${duration(item.durationSec)}`, dim: true },
    { text: `  ${shortId(oneLine(item.id), 24)}`, dim: true },
  ];
}

/** The status line under the title: what is being read, or the verdict in short. */
export function diagnosisStatus(d: DiagnosisState, frame: number): DisplayLine {
  if (d.status === 'running') {
    const reading = d.sources.filter((s) => s.status === 'reading').map((s) => oneLine(s.name));
    const done = d.sources.length - reading.length;
    return [
      { text: `${spinnerFrame(frame)} `, tone: 'cyan' },
      { text: reading.length ? `reading ${reading.join(', ')}` : 'diagnosing…' },
      { text: `  ${done} source${done === 1 ? '' : 's'} read`, dim: true },
    ];
  }
  if (d.status === 'failed' || !d.report) return [{ text: '✖ could not diagnose', tone: 'red', bold: true }];
  const report = d.report;
  const failed = report.sources.filter((s) => s.status !== 'ok');
  const top = report.findings[0];
  return [
    verdictMark(report),
    { text: ` ${verdictWord(report)}`, bold: true },
    { text: top ? `  ${top.symptom}` : '' },
    {
      text: `  ${report.sources.length} sources${failed.length ? `, ${failed.length} not read (${[...new Set(failed.map((s) => s.status))].join(', ')})` : ''}`,
      dim: true,
    },
  ];
}
