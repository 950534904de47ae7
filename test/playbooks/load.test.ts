import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybooks, parsePlaybook, PlaybookError } from '../../src/playbooks/load.js';
import { fill, fillPlaybook } from '../../src/playbooks/render.js';

const GOOD = `---
id: disk-full
title: Local disk filled up
severity: critical
related: [data-skew]
references:
  - title: Glue workers
    url: https://docs.aws.amazon.com/glue/latest/dg/add-job.html
---

## Meaning
The disk filled.

## Impact
The run fails.

## Diagnosis
\`\`\`sh
aws glue get-job-run --job-name {{jobName}} --run-id {{runId}}
\`\`\`

## Mitigation
### Write shuffle files to S3
Applies to: glue-job-run
Moves shuffle off local disk.
\`\`\`sh
aws glue start-job-run --job-name {{jobName}} --arguments '{"--write-shuffle-files-to-s3":"true"}'
\`\`\`

### Add disk on EMR
Applies to: emr-step
Bigger EBS volumes.
`;

function broken(change: (text: string) => string): () => void {
  return () => parsePlaybook('/x/disk-full.md', change(GOOD));
}

describe('playbook loading', () => {
  it('parses front matter, sections and fixes with their target kinds', () => {
    const p = parsePlaybook('/x/disk-full.md', GOOD);
    expect(p).toMatchObject({ id: 'disk-full', severity: 'critical', related: ['data-skew'] });
    expect(p.fixes.map((f) => [f.title, f.appliesTo])).toEqual([
      ['Write shuffle files to S3', ['glue-job-run']],
      ['Add disk on EMR', ['emr-step']],
    ]);
    expect(p.fixes[0]!.command).toContain('--write-shuffle-files-to-s3');
  });

  it.each([
    ['a missing section', (t: string) => t.replace('## Impact\nThe run fails.\n\n', ''), /section 2: expected "## Impact"/],
    ['an unknown severity', (t: string) => t.replace('severity: critical', 'severity: dire'), /disk-full\.md: severity/],
    ['a bad reference URL', (t: string) => t.replace('https://docs.aws.amazon.com/glue/latest/dg/add-job.html', 'not a url'), /references\.0\.url/],
    ['an id that is not in the catalogue', (t: string) => t.replace('id: disk-full', 'id: disk-fool'), /id: "disk-fool" is not a catalogue symptom id/],
    ['an unknown placeholder', (t: string) => t.replace('{{runId}}', '{{runIdentifier}}'), /unknown \{\{runIdentifier\}\}/],
    ['an unknown target kind', (t: string) => t.replace('Applies to: emr-step', 'Applies to: emr'), /unknown target kind "emr"/],
    ['no fixes', (t: string) => t.slice(0, t.indexOf('### Write')), /Mitigation: has no "### " fix/],
  ])('names the file and the field for %s', (_name, change, message) => {
    expect(broken(change)).toThrow(PlaybookError);
    expect(broken(change)).toThrow(message);
  });

  it('rejects a file whose name is not its id', () => {
    expect(() => parsePlaybook('/x/other.md', GOOD)).toThrow(/does not match the file name/);
  });

  it('loads a folder and fails on the first broken playbook, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbooks-'));
    writeFileSync(join(dir, 'disk-full.md'), GOOD.replace('severity: critical', 'severity: ???'));
    expect(() => loadPlaybooks(dir)).toThrow(new RegExp(`${dir}/disk-full.md: severity`));
  });
});

describe('filling placeholders', () => {
  it('fills known names and marks unknown ones so a copied command visibly needs editing', () => {
    expect(fill('--job-name {{jobName}} --run-id {{runId}}', { jobName: 'orders-etl' })).toBe(
      '--job-name orders-etl --run-id <run-id>',
    );
  });

  it('keeps the fixes for the target kind, cheapest first', () => {
    const p = parsePlaybook('/x/disk-full.md', GOOD);
    expect(fillPlaybook(p, 'emr-step', {}).fixes.map((f) => f.title)).toEqual(['Add disk on EMR']);
    expect(fillPlaybook(p, 'log-files', {}).fixes).toHaveLength(2);
  });
});
