import type { Severity } from '../catalogue.js';

/**
 * Dr. Elephant-style severity ladders (linkedin/dr-elephant analysis/Severity.java): a value is rated
 * against ascending thresholds, and a small absolute size damps an alarming ratio by taking the lower
 * of the two ratings. Ladders are data with defaults in the matchers, overridable by configuration.
 */
export const LEVELS = ['none', 'low', 'moderate', 'severe', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** Ascending thresholds: a value at or above `critical` is critical, and so on down. */
export interface Ladder {
  low: number;
  moderate: number;
  severe: number;
  critical: number;
}

export function levelOf(value: number, ladder: Ladder): Level {
  if (!Number.isFinite(value) && value > 0) return 'critical';
  if (value >= ladder.critical) return 'critical';
  if (value >= ladder.severe) return 'severe';
  if (value >= ladder.moderate) return 'moderate';
  if (value >= ladder.low) return 'low';
  return 'none';
}

export function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function minLevel(a: Level, b: Level): Level {
  return rank(a) <= rank(b) ? a : b;
}

export function maxLevel(...levels: Level[]): Level {
  return levels.reduce<Level>((best, l) => (rank(l) > rank(best) ? l : best), 'none');
}

export function atLeast(level: Level, floor: Level): boolean {
  return rank(level) >= rank(floor);
}

/** A ratio rated on its ladder, damped by the absolute size rated on another. */
export function damped(ratio: number, ratioLadder: Ladder, size: number, sizeLadder: Ladder): Level {
  return minLevel(levelOf(ratio, ratioLadder), levelOf(size, sizeLadder));
}

/** How badly a run is hurt, for a finding's severity. */
export function severityOf(level: Level, failed: boolean): Severity {
  if (level === 'critical') return failed ? 'critical' : 'high';
  if (level === 'severe') return 'high';
  if (level === 'moderate') return 'medium';
  return 'low';
}

/** The ladder in force, for evidence text: `2/4/8/16`. */
export function describeLadder(ladder: Ladder, unit: (n: number) => string = String): string {
  return [ladder.low, ladder.moderate, ladder.severe, ladder.critical].map(unit).join('/');
}

const KIB = 1024;

export function formatBytes(n: number): string {
  if (n < KIB) return `${Math.round(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / KIB;
  let i = 0;
  while (v >= KIB && i < units.length - 1) {
    v /= KIB;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '∞x';
  return `${r >= 10 ? Math.round(r) : Math.round(r * 10) / 10}x`;
}
