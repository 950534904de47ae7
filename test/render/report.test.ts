import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/diagnose.js';
import { render } from '../../src/render/index.js';
import { evidenceFrom } from '../helpers/evidence.js';

const report = diagnose(
  evidenceFrom({
    text: [
      'WARN TaskSetManager: Lost task 3.0 in stage 2.0 (TID 45) (172.31.1.2 executor 3): java.lang.OutOfMemoryError: Java heap space',
      'ERROR YarnScheduler: Lost executor 3 on 172.31.1.2: Container killed on request. Exit code is 137 \u001b]0;owned\u0007',
    ].join('\n'),
  }),
);

describe('one report, several renderers', () => {
  it('text: the verdict first, then evidence with locations, then fixes, then the effects', () => {
    const text = render(report, 'text');
    const order = [
      'PROBLEM',
      'Executor ran out of heap memory',
      'Evidence',
      'case.log:1',
      'Fixes, cheapest first',
      'Also found',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('This is an effect of executor-oom');
    expect(text).not.toMatch(/\u001b|\u0007/);
  });

  it('text without colour has no escape codes; with colour it has some', () => {
    expect(render(report, 'text', { color: false })).not.toContain('\u001b[');
    expect(render(report, 'text', { color: true })).toContain('\u001b[');
  });

  it('markdown: a heading per finding, evidence in code blocks, fixes as a numbered list', () => {
    const md = render(report, 'markdown');
    expect(md).toMatch(/^# etl-doctor: PROBLEM/);
    expect(md).toMatch(/^## Diagnosis: Executor ran out of heap memory \(`executor-oom`\)/m);
    expect(md).toMatch(/^1\. \*\*/m);
    expect(md).toContain('```text');
    expect(md).not.toMatch(/\u001b|\u0007/);
  });

  it('json: the report object as cli.md specifies', () => {
    const json = JSON.parse(render(report, 'json'));
    expect(json).toMatchObject({ schemaVersion: 1, tool: { name: 'etl-doctor' }, outcome: 'problem' });
    expect(json.findings.map((f: { symptom: string }) => f.symptom)).toEqual([
      'executor-oom',
      'container-killed-137',
      'executor-lost',
    ]);
    const [top] = json.findings;
    expect(Object.keys(top)).toEqual(
      expect.arrayContaining([
        'symptom',
        'title',
        'severity',
        'confidence',
        'summary',
        'evidence',
        'playbook',
      ]),
    );
    expect(Object.keys(top.playbook)).toEqual(expect.arrayContaining(['id', 'title', 'fixes']));
    expect(Object.keys(top.evidence[0])).toEqual(
      expect.arrayContaining(['source', 'location', 'line', 'text']),
    );
  });
});
