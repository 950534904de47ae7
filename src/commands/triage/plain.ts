import type { Report } from '../../engine/report.js';
import type { SourceStatus } from '../../evidence/model.js';
import type { ListResult, ProblemItem } from '../../fetchers/account-list.js';
import { renderText } from '../../render/text.js';
import { duration, oneLine } from '../../ui/format.js';

/** What `triage` prints without a terminal: the list as a plain table, then the newest problem's report. */

function startedUtc(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '-';
}

export function renderTable(items: ProblemItem[]): string {
  const header = ['KIND', 'NAME', 'STATE', 'STARTED (UTC)', 'DURATION', 'ID'];
  const rows = items.map((i) => [
    i.kind,
    oneLine(i.name),
    oneLine(i.state),
    startedUtc(i.startedOn),
    duration(i.durationSec).replace('—', '-'),
    oneLine(i.id),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c]! - [...cell].length)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function renderSources(sources: SourceStatus[]): string {
  return (
    sources
      .map(
        (s) =>
          `  ${s.status === 'ok' ? '✓' : '!'} ${s.name}${s.status === 'ok' ? '' : ` ${s.status}`}${s.detail ? `  ${oneLine(s.detail)}` : ''}`,
      )
      .join('\n') + '\n'
  );
}

export function renderListing(result: ListResult, window: string): string {
  const out: string[] = [`Recent problems in ${oneLine(result.region)}, ${window}`, ''];
  if (result.items.length === 0) out.push('No failed Glue job runs, crawls or EMR steps in this window.\n');
  else out.push(renderTable(result.items));
  out.push('Listing sources', renderSources(result.sources));
  return out.join('\n');
}

export function renderNewest(item: ProblemItem, report: Report, color: boolean): string {
  return [
    `Diagnosis of the newest problem: ${item.kind} ${oneLine(item.name)} ${oneLine(item.id)}`,
    '',
    renderText(report, { color }).trimEnd(),
    '',
    `AWS console: ${item.consoleUrl}`,
    '',
  ].join('\n');
}
