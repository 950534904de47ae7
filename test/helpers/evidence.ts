import { EvidenceCollector } from '../../src/evidence/collector.js';
import {
  emptyEvidence,
  type Evidence,
  type EvidenceSource,
  type Role,
  type TargetStatus,
} from '../../src/evidence/model.js';
import { allSignals } from '../../src/matchers/index.js';

export interface StreamCase {
  text: string;
  location: string;
  role?: Role;
  source?: EvidenceSource;
}

export interface TextCase {
  text: string;
  role?: Role;
  location?: string;
  status?: Partial<TargetStatus> & { state: string; failed: boolean };
  /** An API message (a run's ErrorMessage) fed through the collector as a `glue-api` line, as the fetchers do. */
  apiMessage?: string;
  /** More streams or files, scanned after `text`. */
  streams?: StreamCase[];
  glue?: Evidence['glue'];
  metrics?: Evidence['metrics'];
  stages?: Evidence['stages'];
  crawler?: Evidence['crawler'];
  emr?: Evidence['emr'];
  /** The target and region, for matchers that name them (crawler commands). */
  target?: Evidence['target'];
  region?: string;
}

/** Evidence from log text through the same collector the fetchers use. */
export function evidenceFrom(c: TextCase): Evidence {
  const evidence = emptyEvidence({ kind: 'log-files', paths: [c.location ?? 'case.log'] });
  const collector = new EvidenceCollector(allSignals());
  if (c.apiMessage) {
    const api = collector.open({
      source: 'glue-api',
      location: 'glue:GetJobRun case/jr_1 JobRun.ErrorMessage',
      role: 'unknown',
    });
    api.write(c.apiMessage);
    api.end();
  }
  const streams: StreamCase[] = [
    { text: c.text, location: c.location ?? 'case.log', ...(c.role ? { role: c.role } : {}) },
    ...(c.streams ?? []),
  ];
  for (const s of streams) {
    const sink = collector.open({
      source: s.source ?? 'file',
      location: s.location,
      role: s.role ?? 'unknown',
    });
    sink.write(s.text.endsWith('\n') ? s.text : `${s.text}\n`);
    sink.end();
  }
  evidence.hits = collector.hits();
  evidence.hitCounts = collector.counts();
  evidence.distinctCounts = collector.distinctCounts();
  evidence.sources = [{ name: 'file:case.log', status: 'ok' }];
  if (c.status) {
    evidence.status = {
      location: 'test',
      source: 'glue-api',
      ...(c.apiMessage && c.status.message === undefined ? { message: c.apiMessage } : {}),
      ...c.status,
    };
  }
  if (c.glue) evidence.glue = c.glue;
  if (c.metrics) evidence.metrics = c.metrics;
  const fromLines = c.stages ? [] : collector.taskLines.toStages();
  if (c.stages) evidence.stages = c.stages;
  else if (fromLines.length > 0) evidence.stages = fromLines;
  if (c.crawler) evidence.crawler = c.crawler;
  if (c.emr) evidence.emr = c.emr;
  if (c.target) evidence.target = c.target;
  if (c.region) evidence.region = c.region;
  return evidence;
}
