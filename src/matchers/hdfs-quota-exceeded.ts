import type { Matcher } from './types.js';
import { FAILURE_MARKER, HDFS_QUOTA, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import { clamp, countOf, hitsOf, isQuiet, items, levelOf, plural, recoveredFrom, unique } from './support.js';

// `The DiskSpace quota of /user/x is exceeded: quota = 209715200 B = 200 MB but diskspace consumed = 384.0m`
// `The NameSpace quota (directories and files) of directory /user/x is exceeded: quota=163840 file count=163841`
const QUOTA =
  /The (DiskSpace|NameSpace) quota (?:\(directories and files\) )?of (?:directory )?(\S+?) is exceeded:\s*quota\s*=\s*([\w.]+(?: B = [\d.]+ [KMGTP]B)?)[^\n]*?(?:diskspace consumed|file count|consumed)\s*=\s*([\w.]+(?: B = [\d.]+ [KMGTP]B)?)/;
const STORAGE_TYPE = /Quota by storage type : (\w+) on path : (\S+) is exceeded/;
const KIND = /(DS|NS)QuotaExceededException/;

export const hdfsQuotaExceeded: Matcher = {
  meta: {
    id: 'hdfs-quota-exceeded',
    title: 'HDFS quota exceeded',
    severity: 'high',
    signals: [HDFS_QUOTA, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
  },
  match(evidence) {
    const hits = hitsOf(evidence, 'hdfs-quota').filter((h) => !isQuiet(levelOf(h)));
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const details = hits.map((h) => QUOTA.exec(h.text)).find(Boolean);
    const storage = hits.map((h) => STORAGE_TYPE.exec(h.text)).find(Boolean);
    const kinds = unique(hits.map((h) => KIND.exec(h.text)?.[1]));
    const which = details?.[1] === 'NameSpace' || (kinds[0] === 'NS' && !details) ? 'NameSpace' : 'DiskSpace';
    const path = details?.[2] ?? storage?.[2];
    const what =
      which === 'NameSpace'
        ? 'name quota (number of files and directories)'
        : storage
          ? `${storage[1]} storage-type quota`
          : 'space quota';
    const usage = details
      ? ` (quota ${details[3]}, ${which === 'NameSpace' ? 'file count' : 'consumed'} ${details[4]})`
      : '';
    const count = countOf(evidence, 'hdfs-quota');
    return {
      confidence: clamp(0.9 + (details ? 0.05 : 0)),
      summary: `The HDFS ${what} of ${path ?? 'a directory'} is exhausted${usage}; writes there fail (${plural(count, 'occurrence')}).`,
      evidence: items(hits),
      vars: path ? { path } : {},
    };
  },
};
