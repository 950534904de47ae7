#!/usr/bin/env node
// Scores the built CLI against the labelled log corpus in corpus/index.json.
//
//   node scripts/accuracy.mjs            table + misses; exit 1 if top-1 < 0.95 or any false alarm
//   node scripts/accuracy.mjs --no-fail  same report, always exit 0
//   node scripts/accuracy.mjs --json     print the scores as one JSON object
//
// Each entry runs `node dist/cli.js diagnose --log-file corpus/<file> --format json` from the repo
// root. Top-1 is correct when findings[0].symptom equals the label; for label "none" the outcome
// must be "no-problem" and any finding counts as a false alarm. Exit 2 if dist/cli.js is missing.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const THRESHOLD = 0.95;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const noFail = args.has('--no-fail');

const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('run npm run build first');
  process.exit(2);
}

const entries = JSON.parse(readFileSync(path.join(root, 'corpus', 'index.json'), 'utf8'));

/** Runs the CLI on one excerpt; returns { report } or { error } (first stderr line or reason). */
function diagnose(file) {
  const res = spawnSync(
    process.execPath,
    [cli, 'diagnose', '--log-file', path.join('corpus', file), '--format', 'json'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const firstStderr = (res.stderr ?? '').split('\n').find((l) => l.trim()) ?? '';
  if (res.error) return { error: `could not run: ${res.error.message}` };
  if (res.signal) return { error: `killed by ${res.signal}${firstStderr ? `: ${firstStderr}` : ''}` };
  try {
    const report = JSON.parse(res.stdout);
    if (!report || typeof report !== 'object' || !Array.isArray(report.findings))
      throw new Error('no findings array');
    return { report };
  } catch {
    return { error: `exit ${res.status}, no JSON report: ${firstStderr || '(empty stderr)'}` };
  }
}

const results = entries.map((entry) => {
  const { report, error } = diagnose(entry.file);
  if (error) return { entry, correct: false, falseAlarm: false, got: 'crash', detail: error };
  const top = report.findings[0];
  if (entry.label === 'none') {
    const falseAlarm = report.findings.length > 0;
    const correct = !falseAlarm && report.outcome === 'no-problem';
    return { entry, correct, falseAlarm, got: top?.symptom ?? report.outcome, detail: top?.summary ?? '' };
  }
  return {
    entry,
    correct: top?.symptom === entry.label,
    falseAlarm: false,
    got: top?.symptom ?? report.outcome ?? '(no outcome)',
    detail: top?.summary ?? '',
  };
});

const perSymptom = {};
for (const r of results) {
  const s = (perSymptom[r.entry.label] ??= { n: 0, correct: 0, accuracy: 0 });
  s.n += 1;
  if (r.correct) s.correct += 1;
}
for (const s of Object.values(perSymptom)) s.accuracy = s.correct / s.n;

const correct = results.filter((r) => r.correct).length;
const accuracy = results.length ? correct / results.length : 0;
const falseAlarms = results.filter((r) => r.falseAlarm);
const misses = results.filter((r) => !r.correct);
const pass = accuracy >= THRESHOLD && falseAlarms.length === 0;

if (asJson) {
  const scores = {
    total: results.length,
    correct,
    accuracy,
    threshold: THRESHOLD,
    falseAlarms: falseAlarms.length,
    noneEntries: perSymptom.none?.n ?? 0,
    pass,
    perSymptom,
    misses: misses.map((r) => ({ id: r.entry.id, expected: r.entry.label, got: r.got, detail: r.detail })),
  };
  console.log(JSON.stringify(scores, null, 2));
} else {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const width = Math.max(7, ...Object.keys(perSymptom).map((k) => k.length));
  console.log(`${'symptom'.padEnd(width)}  ${'n'.padStart(3)}  ${'top-1'.padStart(5)}  accuracy`);
  for (const [label, s] of Object.entries(perSymptom).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${label.padEnd(width)}  ${String(s.n).padStart(3)}  ${String(s.correct).padStart(5)}  ${pct(s.accuracy).padStart(8)}`,
    );
  }
  console.log('');
  console.log(`overall top-1: ${correct}/${results.length} = ${pct(accuracy)} (threshold ${pct(THRESHOLD)})`);
  console.log(`false alarms on none entries: ${falseAlarms.length}/${perSymptom.none?.n ?? 0}`);
  if (misses.length) {
    console.log('\nmisses:');
    for (const r of misses) {
      const tag = r.falseAlarm ? ' [false alarm]' : '';
      console.log(
        `  ${r.entry.id}: expected ${r.entry.label}, got ${r.got}${tag}${r.detail ? ` - ${r.detail}` : ''}`,
      );
    }
  }
  console.log(`\n${pass ? 'PASS' : 'FAIL'}`);
}

process.exitCode = pass || noFail ? 0 : 1;
