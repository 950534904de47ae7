import {
  isUnder,
  normalizeS3,
  splitS3,
  type ColumnFacts,
  type CrawlerFacts,
  type CrawlerS3Target,
  type CrawlerTableFacts,
  type PartitionFacts,
} from '../evidence/crawler.js';
import type { Evidence, LogHit } from '../evidence/model.js';
import type { Severity } from '../catalogue.js';
import type { PlaybookVar } from '../playbooks/vars.js';
import type { EvidenceItem, Matcher, Signal } from './types.js';
import { clamp, hitsOf, items, plural, sideOf } from './support.js';

// ---------------------------------------------------------------------------------------------------
// Signals: crawl log lines (role `crawler`) and the Athena error a split partition schema causes.

export const CRAWLER_MULTIPLE_TABLES: Signal = {
  id: 'crawler-multiple-tables',
  keywords: ['Multiple tables are found under location'],
  pattern: /Multiple tables are found under location (?<location>s3a?n?:\/\/[^\s,;]+?)\.?(?=[\s,;]|$)/,
};

export const CRAWLER_SCHEMA_MISMATCH: Signal = {
  id: 'crawler-schema-mismatch',
  keywords: ['match at level', 'Some files do not match the schema'],
  pattern:
    /(?:schemas? (?:don't|do not|does not|did not) match at level (?<level>\d+)|Some files do not match the schema detected)/i,
};

export const CRAWLER_TABLE_CREATED: Signal = {
  id: 'crawler-table-created',
  keywords: ['Created table'],
  pattern: /\bCreated table (?<table>[\w$.-]+) in database (?<database>[\w$.-]+)/,
};

export const CRAWLER_SCHEMA_CHANGE: Signal = {
  id: 'crawler-schema-change',
  keywords: ['has schema changes'],
  pattern: /\bTable (?<table>[\w$.-]+) (?:in database [\w$.-]+ )?has schema changes/,
};

export const HIVE_PARTITION_SCHEMA_MISMATCH: Signal = {
  id: 'hive-partition-schema-mismatch',
  keywords: ['HIVE_PARTITION_SCHEMA_MISMATCH'],
  pattern:
    /HIVE_PARTITION_SCHEMA_MISMATCH(?:.*?column '(?<column>[^']+)' in table '(?<table>[^']+)' is declared as type '(?<tableType>[^']+)', but partition '(?<partition>[^']+)' declared column '[^']+' as type '(?<partitionType>[^']+)')?/,
};

// ---------------------------------------------------------------------------------------------------
// Configuration commands with the crawler's own JSON (exported: crawler-oom builds the same kind).

export interface FixStep {
  title: string;
  command: string;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const existing = out[key];
    out[key] = isObject(existing) && isObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

/** The crawler's Configuration with `patch` merged in: `--configuration` replaces the whole value. */
export function configurationJson(crawler: CrawlerFacts, patch: Record<string, unknown>): string {
  const { Version: version, ...rest } = deepMerge(crawler.configurationJson ?? {}, patch);
  const text = JSON.stringify({ Version: typeof version === 'number' ? version : 1, ...rest });
  // Glue's documentation writes the version as 1.0; JSON.stringify writes 1.
  return text.replace(/^\{"Version":1([,}])/, '{"Version":1.0$1');
}

/** Every S3 target of the crawler, changed by `change`: `--targets` replaces all of them. */
export function targetsJson(
  crawler: CrawlerFacts,
  change: (t: CrawlerS3Target) => Partial<{ Exclusions: string[]; SampleSize: number }>,
): string {
  return JSON.stringify({
    S3Targets: crawler.s3Targets.map((t) => {
      const patch = change(t);
      const exclusions = patch.Exclusions ?? t.exclusions;
      const sample = patch.SampleSize ?? t.sampleSize;
      return {
        Path: t.path,
        ...(exclusions.length > 0 ? { Exclusions: exclusions } : {}),
        ...(sample !== undefined ? { SampleSize: sample } : {}),
        ...(t.connectionName ? { ConnectionName: t.connectionName } : {}),
      };
    }),
  });
}

export function regionFlag(evidence: Evidence): string {
  return evidence.region ? ` --region ${evidence.region}` : '';
}

/** `--targets` replaces every target; a crawler with JDBC or catalog targets must list those too. */
export function targetsCaveat(crawler: CrawlerFacts): string {
  return crawler.otherTargets.length > 0
    ? ` (add its ${crawler.otherTargets.join(', ')}: --targets replaces all)`
    : '';
}

export function fixItems(steps: FixStep[]): EvidenceItem[] {
  return steps.map((step, i) => ({
    source: 'glue-api',
    location: `fix ${i + 1} of ${steps.length}${i === 0 ? ' (cheapest)' : ''}: ${step.title}`,
    text: step.command,
  }));
}

/** The include path a location belongs to (the longest that contains it). */
export function targetOf(crawler: CrawlerFacts, location: string): CrawlerS3Target | undefined {
  return crawler.s3Targets
    .filter((t) => isUnder(location, t.path))
    .sort((a, b) => normalizeS3(b.path).length - normalizeS3(a.path).length)[0];
}

// ---------------------------------------------------------------------------------------------------
// Reading S3 layouts.

const KEY_VALUE = /^(?<key>[^=/]+)=(?<value>[^=/]*)$/;
/** Folder names that are partition values rather than dataset names: numbers, dates, run ids, uuids. */
const VALUE_LIKE =
  /^(?:\d{1,8}|\d{4}[-_.]\d{1,2}(?:[-_.]\d{1,2})?(?:[T _-]?\d{1,2}(?:[:_-]?\d{2}){0,2}Z?)?|(?:part|partition|batch|run|chunk|shard|bucket)[-_]?\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const AUTO_KEY = /^partition_\d+$/;

export function isPartitionLike(segment: string): boolean {
  return KEY_VALUE.test(segment) || VALUE_LIKE.test(segment);
}

function segmentsOf(key: string): string[] {
  return key.split('/').filter(Boolean);
}

interface Placed {
  table: CrawlerTableFacts;
  uri: string;
  bucket: string;
  /** Folders from the bucket down to the dataset (before the first partition-like folder). */
  root: string[];
  /** Partition-like folders below the dataset, e.g. [`dt=2026-11-10`]. */
  parts: string[];
}

function place(crawler: CrawlerFacts, table: CrawlerTableFacts): Placed | undefined {
  if (!table.location) return undefined;
  const where = splitS3(table.location);
  if (!where) return undefined;
  const segs = segmentsOf(where.key);
  const target = targetOf(crawler, table.location);
  const base = target ? segmentsOf(splitS3(target.path)?.key ?? '').length : 0;
  let i = Math.min(base, segs.length);
  while (i < segs.length && !isPartitionLike(segs[i]!)) i += 1;
  return {
    table,
    uri: normalizeS3(table.location),
    bucket: where.bucket,
    root: segs.slice(0, i),
    parts: segs.slice(i),
  };
}

function uriOf(bucket: string, segs: string[]): string {
  return `s3://${bucket}/${segs.map((s) => `${s}/`).join('')}`;
}

interface SplitGroup {
  root: string;
  bucket: string;
  /** TableLevelConfiguration that puts the table at `root`: the bucket is level 1. */
  level: number;
  members: Placed[];
  /** The partition key the folders name, when they are key=value folders with one key. */
  key?: string;
  /** Found from a crawl log line rather than from folder names. */
  fromLog?: boolean;
}

function folderOf(m: Placed): string {
  return m.parts.length > 0 ? m.parts.join('/') : (m.uri.split('/').filter(Boolean).pop() ?? m.uri);
}

function splitGroups(crawler: CrawlerFacts, evidence: Evidence): SplitGroup[] {
  const placed = (crawler.tables ?? []).map((t) => place(crawler, t)).filter((p): p is Placed => Boolean(p));
  const byRoot = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = uriOf(p.bucket, p.root);
    byRoot.set(key, [...(byRoot.get(key) ?? []), p]);
  }
  const groups: SplitGroup[] = [];
  for (const [root, members] of byRoot) {
    if (members.length < 2 || !members.some((m) => m.parts.length > 0)) continue;
    const keys = new Set(members.map((m) => KEY_VALUE.exec(m.parts[0] ?? '')?.groups?.key).filter(Boolean));
    const first = members[0]!;
    groups.push({
      root,
      bucket: first.bucket,
      level: first.root.length + 1,
      members: [...members].sort((a, b) => a.uri.localeCompare(b.uri, 'en', { numeric: true })),
      ...(keys.size === 1 ? { key: [...keys][0]! } : {}),
    });
  }
  // The crawl log can name the folder it split even when the sub-folders are not partition-like.
  const grouped = new Set(groups.flatMap((g) => g.members.map((m) => m.table.name)));
  for (const hit of hitsOf(evidence, 'crawler-multiple-tables')) {
    const location = hit.groups.location ? normalizeS3(hit.groups.location) : undefined;
    if (!location || groups.some((g) => g.root === location)) continue;
    const children = placed.filter(
      (p) =>
        !grouped.has(p.table.name) &&
        p.uri.startsWith(location) &&
        segmentsOf(p.uri.slice(location.length)).length === 1,
    );
    const where = splitS3(location);
    if (children.length < 2 || !where) continue;
    groups.push({
      root: location,
      bucket: where.bucket,
      level: segmentsOf(where.key).length + 1,
      members: children.map((c) => ({ ...c, root: segmentsOf(where.key), parts: [] })),
      fromLog: true,
    });
  }
  return groups.sort((a, b) => b.members.length - a.members.length);
}

// ---------------------------------------------------------------------------------------------------
// Why the crawler split: odd files, classifications, columns.

const FORMAT_LABEL: Record<string, string> = {
  parquet: 'Parquet',
  csv: 'CSV',
  tsv: 'TSV',
  json: 'JSON',
  avro: 'Avro',
  orc: 'ORC',
  txt: 'text',
  xml: 'XML',
  marker: 'marker',
  none: 'extension-less',
};
const COMPRESSION = /\.(?:gz|gzip|snappy|bz2|zst|zstd|lz4|lzo|deflate|zip)$/i;

function label(format: string): string {
  return FORMAT_LABEL[format] ?? format.toUpperCase();
}

function isMarker(name: string): boolean {
  const base = name.toLowerCase();
  return (
    base === '_success' ||
    /^_(?:committed|started)_/.test(base) ||
    base.endsWith('.crc') ||
    base.startsWith('.')
  );
}

export function formatOf(name: string): string {
  if (isMarker(name)) return 'marker';
  const stem = name.toLowerCase().replace(COMPRESSION, '');
  const ext = /\.([a-z0-9]+)$/.exec(stem)?.[1];
  if (!ext) return 'none';
  if (ext === 'jsonl' || ext === 'ndjson') return 'json';
  return ext;
}

/** The exclusion glob that skips files like this one anywhere under the include path. */
export function exclusionFor(name: string): string {
  if (isMarker(name)) return name.toLowerCase().endsWith('.crc') ? '**.crc' : `**/${name}`;
  const m = /\.([A-Za-z0-9]+)(\.(?:gz|gzip|snappy|bz2|zst|zstd|lz4|lzo|deflate|zip))?$/i.exec(name);
  return m ? `**.${m[1]}${m[2] ?? ''}` : `**/${name}`;
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
function count(n: number, word: string): string {
  return `${NUMBER_WORDS[n] ?? n} ${word}${n === 1 ? '' : 's'}`;
}

interface OddFile {
  folder: string;
  uri: string;
  name: string;
  format: string;
  size?: number;
  lastModified?: string;
}

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function filesOf(crawler: CrawlerFacts, group: SplitGroup) {
  const files: OddFile[] = [];
  for (const m of group.members) {
    const listing = crawler.s3Listings?.find((l) => l.prefix === m.uri);
    for (const o of listing?.objects ?? []) {
      files.push({
        folder: folderOf(m),
        uri: `${m.uri}${o.name}`,
        name: o.name,
        format: formatOf(o.name),
        ...(o.size !== undefined ? { size: o.size } : {}),
        ...(o.lastModified ? { lastModified: o.lastModified } : {}),
      });
    }
  }
  const data = files.filter((f) => f.format !== 'marker');
  const classified = majority(
    group.members.map((m) => m.table.classification).filter((c): c is string => Boolean(c)),
  );
  const counts = majority(data.map((f) => f.format));
  const dominant = classified && data.some((f) => f.format === classified) ? classified : counts;
  return {
    dominant,
    odd: dominant ? data.filter((f) => f.format !== dominant) : [],
    markers: files.filter((f) => f.format === 'marker'),
    all: files,
  };
}

function signature(columns: ColumnFacts[]): string {
  return columns
    .map((c) => `${c.name}:${c.type}`)
    .sort()
    .join(',');
}

interface ColumnDiff {
  name: string;
  base?: string;
  other?: string;
}

function diffColumns(base: ColumnFacts[], other: ColumnFacts[]): ColumnDiff[] {
  const b = new Map(base.map((c) => [c.name, c.type]));
  const o = new Map(other.map((c) => [c.name, c.type]));
  const out: ColumnDiff[] = [];
  for (const [name, type] of b) {
    if (!o.has(name)) out.push({ name, base: type });
    else if (o.get(name) !== type) out.push({ name, base: type, other: o.get(name)! });
  }
  for (const [name, type] of o) if (!b.has(name)) out.push({ name, other: type });
  return out;
}

function describeDiff(diffs: ColumnDiff[], max = 3): string {
  const text = diffs
    .slice(0, max)
    .map((d) =>
      d.base && d.other
        ? `${d.name} ${d.base} → ${d.other}`
        : d.other
          ? `new column ${d.name} ${d.other}`
          : `no column ${d.name}`,
    );
  return diffs.length > max ? `${text.join(', ')} and ${diffs.length - max} more` : text.join(', ');
}

function fileNamesInLog(evidence: Evidence): string[] {
  const names: string[] = [];
  for (const hit of hitsOf(evidence, 'crawler-schema-mismatch')) {
    if (!/Some files do not match/i.test(hit.text)) continue;
    const tail = hit.text.slice(hit.text.lastIndexOf(':') + 1);
    names.push(...tail.split(/[\s,]+/).filter((t) => /[\w-]\.[A-Za-z0-9]+$/.test(t)));
  }
  return [...new Set(names)];
}

interface Cause {
  text: string;
  kind: 'files' | 'classification' | 'columns' | 'markers' | 'unknown';
  items: EvidenceItem[];
  exclusions: string[];
}

function causeOf(crawler: CrawlerFacts, group: SplitGroup, evidence: Evidence): Cause {
  const files = filesOf(crawler, group);
  const dominant = files.dominant ? label(files.dominant) : undefined;
  if (files.odd.length > 0 && dominant) {
    const byFolder = new Map<string, OddFile[]>();
    for (const f of files.odd)
      byFolder.set(`${f.folder}\u0000${f.format}`, [
        ...(byFolder.get(`${f.folder}\u0000${f.format}`) ?? []),
        f,
      ]);
    const parts = [...byFolder.values()].slice(0, 3).map((list) => {
      const first = list[0]!;
      const names = list
        .slice(0, 2)
        .map((f) => f.name)
        .join(', ');
      return `${count(list.length, `${label(first.format)} file`)} under ${first.folder} (${names}${list.length > 2 ? ', …' : ''})`;
    });
    const text = `${parts.join('; ')} among ${dominant} files`;
    const items = files.odd.slice(0, 2).map((f) => {
      const neighbours = files.all.filter((o) => o.folder === f.folder && o.format === files.dominant).length;
      return {
        source: 's3' as const,
        location: f.uri,
        ...(f.lastModified ? { timestamp: f.lastModified } : {}),
        text: `${label(f.format)} file${f.size !== undefined ? ` (${size(f.size)})` : ''} in ${f.folder}/ next to ${count(neighbours, `${dominant} file`)}; the other folders hold ${dominant} only`,
      };
    });
    return {
      text,
      kind: 'files',
      items,
      exclusions: [...new Set(files.odd.map((f) => exclusionFor(f.name)))],
    };
  }
  const classes = group.members.map((m) => m.table.classification ?? '?');
  const usual = majority(classes);
  const oddClass = group.members.filter((m) => (m.table.classification ?? '?') !== usual);
  if (usual && oddClass.length > 0 && oddClass.length < group.members.length) {
    const folders = oddClass
      .map((m) => `${folderOf(m)} as ${m.table.classification ?? 'unknown'}`)
      .join(', ');
    return {
      text: `the crawler classified ${folders}, the other folders as ${usual}`,
      kind: 'classification',
      items: [],
      exclusions: [],
    };
  }
  const sigs = group.members.map((m) => signature(m.table.columns));
  const usualSig = majority(sigs);
  const oddCols = group.members.filter((_, i) => sigs[i] !== usualSig);
  if (oddCols.length > 0 && oddCols.length < group.members.length) {
    const base = group.members[sigs.indexOf(usualSig!)]!.table.columns;
    const firstOdd = group.members.findIndex((_, i) => sigs[i] !== usualSig);
    const tail = group.members.slice(firstOdd).every((_, i) => sigs[firstOdd + i] !== usualSig);
    const diff = describeDiff(diffColumns(base, oddCols[0]!.table.columns));
    const text = tail
      ? `the schema changed in ${folderOf(group.members[firstOdd]!)}: ${diff}`
      : `${oddCols.map(folderOf).join(', ')} ${oddCols.length === 1 ? 'has' : 'have'} a different schema: ${diff}`;
    return { text, kind: 'columns', items: [], exclusions: [] };
  }
  const logged = fileNamesInLog(evidence);
  if (logged.length > 0) {
    return {
      text: `the crawl log names files that do not match the schema: ${logged.slice(0, 3).join(', ')}${logged.length > 3 ? ', …' : ''}`,
      kind: 'files',
      items: [],
      exclusions: [...new Set(logged.map((n) => exclusionFor(n.split('/').pop() ?? n)))],
    };
  }
  if (files.markers.length > 0) {
    const names = [...new Set(files.markers.map((f) => f.name))];
    return {
      text: `marker files (${names.slice(0, 3).join(', ')}) sit among the data files`,
      kind: 'markers',
      items: [],
      exclusions: names.map(exclusionFor),
    };
  }
  return {
    text: 'the folders differ in format or schema too much for the crawler to combine them (the S3 sample shows no odd file: compare the files under each folder)',
    kind: 'unknown',
    items: [],
    exclusions: [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Findings.

interface Reason {
  confidence: number;
  severity?: Severity;
  summary: string;
  /** A clause for the summary when another reason leads. */
  short: string;
  facts: EvidenceItem[];
  fixes: FixStep[];
  vars: Partial<Record<PlaybookVar, string>>;
}

function cleanupStep(crawler: CrawlerFacts, evidence: Evidence, tables: string[]): FixStep {
  const db = crawler.databaseName ?? '<database>';
  return {
    title: `then delete the ${plural(tables.length, 'split table')} (S3 data is not touched) and crawl again`,
    command: `aws glue batch-delete-table --database-name ${db} --tables-to-delete ${tables.join(' ')}${regionFlag(evidence)} && aws glue start-crawler --name ${crawler.name}${regionFlag(evidence)}`,
  };
}

function splitReason(crawler: CrawlerFacts, evidence: Evidence, group: SplitGroup): Reason {
  const names = group.members.map((m) => m.table.name);
  const cause = causeOf(crawler, group, evidence);
  const target = targetOf(crawler, group.root);
  const region = regionFlag(evidence);
  const fixes: FixStep[] = [];
  if (cause.exclusions.length > 0 && target) {
    const add = cause.exclusions.filter((e) => !target.exclusions.includes(e));
    fixes.push({
      title: `exclude ${add.join(', ')} from ${target.path}${targetsCaveat(crawler)}`,
      command: `aws glue update-crawler --name ${crawler.name}${region} --targets ${shellQuote(
        targetsJson(crawler, (t) => (t === target ? { Exclusions: [...t.exclusions, ...add] } : {})),
      )}`,
    });
  }
  if (cause.kind !== 'files' && cause.kind !== 'markers') {
    fixes.push({
      title: 'combine compatible schemas into one table (partitions inherit its schema)',
      command: `aws glue update-crawler --name ${crawler.name}${region} --configuration ${shellQuote(
        configurationJson(crawler, {
          Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' },
          CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
        }),
      )}`,
    });
  }
  if (group.level > 1) {
    fixes.push({
      title: `create the table at ${group.root} (table level ${group.level}, the bucket being level 1); deeper folders become partitions`,
      command: `aws glue update-crawler --name ${crawler.name}${region} --configuration ${shellQuote(
        configurationJson(crawler, { Grouping: { TableLevelConfiguration: group.level } }),
      )}`,
    });
  }
  const steps = [...fixes.slice(0, 2), cleanupStep(crawler, evidence, names)];
  const per = group.key ? `one per ${group.key}= folder` : 'one per folder';
  const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
  const intended = group.key ? `one table partitioned by ${group.key}` : 'one table';
  const cheapest =
    steps[0] && steps.length > 1 ? ` Cheapest fix: ${steps[0].title} (exact command below).` : '';
  const tableList = group.members
    .slice(0, 8)
    .map(
      (m) =>
        `${m.table.name} (${folderOf(m)}, ${m.table.classification ?? 'unclassified'}, ${plural(m.table.columns.length, 'column')})`,
    )
    .join('; ');
  const facts: EvidenceItem[] = [
    {
      source: 'glue-api',
      location: `glue:GetTables ${crawler.databaseName ?? ''}`.trim(),
      text: `${plural(names.length, 'table')} made by ${crawler.name} under ${group.root}: ${tableList}${group.members.length > 8 ? '; …' : ''}`,
    },
    ...cause.items,
  ];
  const created = crawler.metrics?.tablesCreated;
  if (created !== undefined && created > 0) {
    facts.push({
      source: 'glue-api',
      location: `glue:GetCrawlerMetrics ${crawler.name}`,
      text: `the last crawl created ${plural(created, 'table')} from ${plural(crawler.s3Targets.length, 'S3 include path')} (${crawler.s3Targets.map((t) => t.path).join(', ')})`,
    });
  }
  const logHits = [
    ...hitsOf(evidence, 'crawler-multiple-tables', 'crawler-schema-mismatch'),
    ...hitsOf(evidence, 'crawler-table-created').filter((h) => names.includes(h.groups.table ?? '')),
  ];
  facts.push(...items(logHits, Math.max(1, 5 - facts.length)));
  const firstOdd = group.members.find((m) => cause.text.includes(folderOf(m))) ?? group.members[0]!;
  return {
    confidence: clamp(
      (group.fromLog ? 0.7 : 0.8) + (cause.kind !== 'unknown' ? 0.1 : 0) + (logHits.length > 0 ? 0.05 : 0),
    ),
    summary: `The crawler split ${group.root} into ${plural(names.length, 'table')}, ${per} (${shown}), instead of ${intended}. Cause: ${cause.text}.${cheapest}`,
    short: `${group.root} split into ${plural(names.length, 'table')} (${cause.text})`,
    facts,
    fixes: steps,
    vars: { tableName: firstOdd.table.name, path: group.root, bucket: group.bucket },
  };
}

function partitionLabel(table: CrawlerTableFacts, p: PartitionFacts): string {
  return table.partitionKeys.map((k, i) => `${k.name}=${p.values[i] ?? '?'}`).join('/') || p.values.join('/');
}

function range(labels: string[]): string {
  if (labels.length <= 2) return labels.join(', ');
  return `${labels[0]} … ${labels[labels.length - 1]}`;
}

/** Formats whose files carry their own column types: the catalog cannot paper over a type change. */
const TYPED_FORMATS = new Set(['parquet', 'orc', 'avro']);

function mismatchFixes(
  crawler: CrawlerFacts,
  evidence: Evidence,
  table: CrawlerTableFacts,
  diff: ColumnDiff[],
  partitions: string,
  revisit: string,
): FixStep[] {
  const region = regionFlag(evidence);
  const inherit: FixStep = {
    title: `make partitions inherit the table schema, then crawl again${revisit}`,
    command: `aws glue update-crawler --name ${crawler.name}${region} --configuration ${shellQuote(
      configurationJson(crawler, {
        CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
      }),
    )} && aws glue start-crawler --name ${crawler.name}${region}`,
  };
  const retyped = diff.filter((d) => d.base && d.other);
  if (retyped.length === 0 || !TYPED_FORMATS.has(table.classification ?? '')) return [inherit];
  const columns = retyped.map((d) => `${d.name} (${d.other} in the old files, ${d.base} now)`).join(', ');
  return [
    {
      title: `the ${label(table.classification ?? '')} files themselves changed type: ${columns}`,
      command: `write ${retyped.map((d) => d.name).join(', ')} with one type again: rewrite ${partitions} with the new type (a Glue job or Athena CTAS), or make the producer go back to the old one; until then query the old partitions through a view that CASTs`,
    },
    { ...inherit, title: `once the files agree, ${inherit.title}` },
  ];
}

function mismatchReason(
  crawler: CrawlerFacts,
  evidence: Evidence,
  table: CrawlerTableFacts,
): Reason | undefined {
  const parts = (table.partitions ?? [])
    .filter((p) => p.columns.length > 0)
    .map((p) => ({ p, label: partitionLabel(table, p), diff: diffColumns(table.columns, p.columns) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const bad = parts.filter((x) => x.diff.length > 0);
  if (bad.length === 0) return undefined;
  const flip = parts.findIndex((x, i) => i > 0 && x.diff.length > 0 !== parts[i - 1]!.diff.length > 0);
  const first = bad[0]!;
  const columns = first.diff
    .slice(0, 3)
    .map((d) =>
      d.base && d.other
        ? `${d.name} is ${d.other} there but ${d.base} in the table`
        : d.other
          ? `they have a column ${d.name} (${d.other}) the table lacks`
          : `they lack the table's column ${d.name}`,
    )
    .join('; ');
  const badLabels = bad.map((x) => x.label);
  const total = `${bad.length} of ${parts.length} partitions read${table.partitionsTruncated ? ' (more exist)' : ''}`;
  const changedAt = flip > 0 ? parts[flip]!.label : undefined;
  const newer = flip > 0 && parts[flip]!.diff.length === 0;
  const when = !changedAt
    ? ''
    : newer
      ? ` The schema changed at ${changedAt}: from there the files match the table (the crawler updated it to the new schema); the ${plural(flip, 'earlier partition')} keep the old one.`
      : ` The schema changed at ${changedAt}: from there the partitions no longer match the table.`;
  const revisit =
    crawler.recrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY'
      ? ' (this crawler only crawls new folders: run one full crawl with --recrawl-policy RecrawlBehavior=CRAWL_EVERYTHING so old partitions are updated)'
      : '';
  const hive = hitsOf(evidence, 'hive-partition-schema-mismatch');
  const logHits = [...hitsOf(evidence, 'crawler-schema-change'), ...hive];
  const facts: EvidenceItem[] = [
    {
      source: 'glue-api',
      location: `glue:GetPartitions ${crawler.databaseName ?? ''}.${table.name}`,
      text: `${total} disagree with the table: ${range(badLabels)} — ${columns}`,
    },
    {
      source: 'glue-api',
      location: `glue:GetTables ${crawler.databaseName ?? ''}.${table.name}`,
      text: `table columns: ${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')}; partitioned by ${table.partitionKeys.map((k) => k.name).join(', ')}${table.updatedOn ? `; updated ${table.updatedOn}` : ''}`,
    },
    ...items(logHits, 2),
  ];
  return {
    confidence: clamp(0.8 + (logHits.length > 0 ? 0.08 : 0) + (changedAt ? 0.04 : 0)),
    severity: 'high',
    summary: `Partitions of ${table.name} disagree with the table's schema: in ${total} (${range(badLabels)}) ${columns}.${when} Athena fails such queries with HIVE_PARTITION_SCHEMA_MISMATCH.`,
    short: `${bad.length} partitions of ${table.name} disagree with its schema${changedAt ? ` (changed at ${changedAt})` : ''}`,
    facts,
    fixes: mismatchFixes(crawler, evidence, table, first.diff, range(badLabels), revisit),
    vars: { tableName: table.name, ...(table.location ? { path: table.location } : {}) },
  };
}

/** Auto-named keys whose values are dataset names: different datasets merged into one table. */
function mergedReason(
  crawler: CrawlerFacts,
  evidence: Evidence,
  table: CrawlerTableFacts,
): Reason | undefined {
  const auto = table.partitionKeys.findIndex((k) => AUTO_KEY.test(k.name));
  if (auto < 0 || !table.partitions?.length || !table.location) return undefined;
  const values = [...new Set(table.partitions.map((p) => p.values[auto] ?? ''))].filter(Boolean);
  const datasets = values.filter((v) => !isPartitionLike(v));
  if (datasets.length < 2) return undefined;
  const root = normalizeS3(table.location);
  const region = regionFlag(evidence);
  const target = targetOf(crawler, root);
  const paths = datasets.slice(0, 10).map((d) => `${root}${d}/`);
  const targets = JSON.stringify({
    S3Targets: [
      ...crawler.s3Targets
        .filter((t) => t !== target)
        .map((t) => ({ Path: t.path, ...(t.exclusions.length ? { Exclusions: t.exclusions } : {}) })),
      ...paths.map((p) => ({
        Path: p,
        ...(target?.exclusions.length ? { Exclusions: target.exclusions } : {}),
      })),
    ],
  });
  return {
    confidence: 0.75,
    summary: `The crawler merged ${plural(datasets.length, 'dataset')} under ${root} (${datasets.slice(0, 4).join(', ')}) into one table ${table.name} with an auto-named partition key ${table.partitionKeys[auto]!.name}, because their schemas looked alike. Give each dataset its own include path.`,
    short: `${table.name} merges ${datasets.slice(0, 3).join(', ')} as ${table.partitionKeys[auto]!.name} values`,
    facts: [
      {
        source: 'glue-api',
        location: `glue:GetPartitions ${crawler.databaseName ?? ''}.${table.name}`,
        text: `${table.partitionKeys[auto]!.name} values: ${values.slice(0, 8).join(', ')}`,
      },
    ],
    fixes: [
      {
        title: `crawl each dataset from its own include path${targetsCaveat(crawler)}`,
        command: `aws glue update-crawler --name ${crawler.name}${region} --targets ${shellQuote(targets)}`,
      },
      cleanupStep(crawler, evidence, [table.name]),
    ],
    vars: { tableName: table.name, path: root },
  };
}

const NAME_LIKE =
  /^(?<stem>[a-z][a-z0-9]*_)?(?:\d{1,8})(?:_\d{1,4}){0,5}$|^(?<auto>part|partition|run|batch)_?\d+$/i;

/** Without GetTables: table names the log or the crawl summary gives that are folder values. */
function namesReason(crawler: CrawlerFacts | undefined, evidence: Evidence): Reason | undefined {
  const created = hitsOf(evidence, 'crawler-table-created');
  const names = [
    ...created.map((h) => h.groups.table ?? ''),
    ...(crawler?.history?.[0]?.summary?.tableNames ?? []),
  ].filter(Boolean);
  const prefix = crawler?.tablePrefix ?? '';
  const stems = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const bare = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const m = NAME_LIKE.exec(bare);
    if (!m) continue;
    const stem = m.groups?.stem ?? m.groups?.auto ?? '';
    stems.set(stem, [...(stems.get(stem) ?? []), name]);
  }
  const [stem, list] = [...stems.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!list || list.length < 2) return undefined;
  const key = stem ? stem.replace(/_$/, '') : 'folder';
  return {
    confidence: 0.6,
    summary: `The crawl created ${plural(list.length, 'table')} named after ${key} folder values (${list.slice(0, 4).join(', ')}${list.length > 4 ? ', …' : ''}): one dataset split into a table per folder. The tables could not be read to name the cause.`,
    short: `${plural(list.length, 'table')} named after folder values`,
    facts: items(
      created.filter((h) => list.includes(h.groups.table ?? '')),
      4,
    ),
    fixes: crawler ? [cleanupStep(crawler, evidence, list)] : [],
    vars: { tableName: list[0]! },
  };
}

function hiveReason(evidence: Evidence): Reason | undefined {
  const hits = hitsOf(evidence, 'hive-partition-schema-mismatch');
  if (hits.length === 0) return undefined;
  const g = hits.find((h) => h.groups.table)?.groups ?? {};
  const detail = g.table
    ? `: column ${g.column} is ${g.tableType} in ${g.table} but ${g.partitionType} in partition ${g.partition}`
    : '';
  return {
    confidence: 0.7,
    severity: 'high',
    summary: `A query failed with HIVE_PARTITION_SCHEMA_MISMATCH${detail}: the crawler left partitions whose schema disagrees with the table.`,
    short: 'HIVE_PARTITION_SCHEMA_MISMATCH',
    facts: items(hits, 3),
    fixes: [],
    vars: { ...(g.table ? { tableName: g.table.split('.').pop()! } : {}) },
  };
}

function logReason(evidence: Evidence): Reason | undefined {
  const hits = hitsOf(evidence, 'crawler-multiple-tables', 'crawler-schema-mismatch');
  if (hits.length === 0) return undefined;
  const level = hits.find((h) => h.groups.level)?.groups.level;
  const location = hits.find((h) => h.groups.location)?.groups.location;
  return {
    confidence: 0.55,
    summary: `The crawl log says the crawler could not combine what it found${location ? ` under ${location}` : ''}${level ? ` (schemas do not match at level ${level})` : ''}; the tables it made could not be read to confirm a split.`,
    short: 'the crawl log reports schemas that do not match',
    facts: items(hits, 4),
    fixes: [],
    vars: { ...(location ? { path: location } : {}) },
  };
}

export const crawlerDuplicateTables: Matcher = {
  meta: {
    id: 'crawler-duplicate-tables',
    title: 'Crawler made several tables where one was intended',
    severity: 'medium',
    signals: [
      CRAWLER_MULTIPLE_TABLES,
      CRAWLER_SCHEMA_MISMATCH,
      CRAWLER_TABLE_CREATED,
      CRAWLER_SCHEMA_CHANGE,
      HIVE_PARTITION_SCHEMA_MISMATCH,
    ],
    // A crawl that "succeeds" with twenty tables is precisely the problem.
    reportWhenSucceeded: true,
  },
  match(evidence) {
    const crawler = evidence.crawler;
    const reasons: Reason[] = [];
    if (crawler?.tables) {
      for (const group of splitGroups(crawler, evidence)) reasons.push(splitReason(crawler, evidence, group));
      for (const table of crawler.tables) {
        const merged = mergedReason(crawler, evidence, table);
        if (merged) reasons.push(merged);
        const mismatch = mismatchReason(crawler, evidence, table);
        if (mismatch) reasons.push(mismatch);
      }
    }
    if (reasons.length === 0 && !crawler?.tables) {
      const named = namesReason(crawler, evidence);
      if (named) reasons.push(named);
    }
    if (reasons.length === 0) {
      const hive = hiveReason(evidence);
      if (hive) reasons.push(hive);
    }
    if (reasons.length === 0 && !crawler?.tables) {
      const logged = logReason(evidence);
      if (logged) reasons.push(logged);
    }
    if (reasons.length === 0) return null;
    reasons.sort((a, b) => b.confidence - a.confidence);
    const [lead, ...rest] = reasons as [Reason, ...Reason[]];
    const also = rest.length > 0 ? ` Also: ${rest.map((r) => r.short).join('; ')}.` : '';
    // Text reports show eight items: the facts that matter most, then the fixes.
    const facts = [
      ...lead.facts.slice(0, 5 - Math.min(rest.length, 2)),
      ...rest.slice(0, 2).flatMap((r) => r.facts.slice(0, 1)),
    ];
    return {
      confidence: lead.confidence,
      ...(lead.severity ? { severity: lead.severity } : {}),
      summary: `${lead.summary}${also}`,
      evidence: [...facts, ...fixItems(lead.fixes)],
      vars: lead.vars,
    };
  },
};

/** For tests and the crawler-oom matcher: a hit from a crawler's own log (not a Spark JVM's). */
export function isCrawlerHit(hit: LogHit): boolean {
  return hit.role === 'crawler' || sideOf(hit).side === 'crawler';
}
