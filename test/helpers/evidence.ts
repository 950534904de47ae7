import { EvidenceCollector } from '../../src/evidence/collector.js';
import { emptyEvidence, type Evidence, type Role, type TargetStatus } from '../../src/evidence/model.js';
import { allSignals } from '../../src/matchers/index.js';

export interface TextCase {
  text: string;
  role?: Role;
  location?: string;
  status?: Partial<TargetStatus> & { state: string; failed: boolean };
}

/** Evidence from log text through the same collector the fetchers use. */
export function evidenceFrom(c: TextCase): Evidence {
  const evidence = emptyEvidence({ kind: 'log-files', paths: [c.location ?? 'case.log'] });
  const collector = new EvidenceCollector(allSignals());
  const sink = collector.open({ source: 'file', location: c.location ?? 'case.log', role: c.role ?? 'unknown' });
  sink.write(c.text.endsWith('\n') ? c.text : `${c.text}\n`);
  sink.end();
  evidence.hits = collector.hits();
  evidence.hitCounts = collector.counts();
  evidence.sources = [{ name: 'file:case.log', status: 'ok' }];
  if (c.status) evidence.status = { location: 'test', source: 'glue-api', ...c.status };
  return evidence;
}
