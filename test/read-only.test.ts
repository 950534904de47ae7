import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const READ_ONLY = /^(?:Get|List|Describe|Head|Filter|BatchGet)[A-Z]/;

/** etl-doctor never calls an AWS operation that changes anything: every command and paginator it uses reads. */
describe('read-only towards AWS', () => {
  const files = sources(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'aws', 'replay')}`));
  const operations = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b([A-Z][A-Za-z0-9]+)Command\b/g)) operations.add(m[1]!);
    for (const m of text.matchAll(/\bpaginate([A-Z][A-Za-z0-9]+)\b/g)) operations.add(m[1]!);
  }

  it('finds the operations it uses', () => {
    expect(operations.size).toBeGreaterThan(10);
  });

  it.each([...operations].sort())('%s only reads', (operation) => {
    expect(operation).toMatch(READ_ONLY);
  });

  it('no SDK type leaves src/aws and src/fetchers', () => {
    const leaks = files
      .filter((f) => !f.includes(join('src', 'aws')) && !f.includes(join('src', 'fetchers')))
      .filter((f) => /from '@(?:aws-sdk|smithy)\//.test(readFileSync(f, 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('the client factory is the only place that builds SDK clients', () => {
    const builders = files.filter((f) =>
      /new (?:Glue|EMR|CloudWatchLogs|CloudWatch|S3)Client\(/.test(readFileSync(f, 'utf8')),
    );
    expect(builders.map((f) => f.slice(ROOT.length))).toEqual(['src/aws/clients.ts']);
  });
});
