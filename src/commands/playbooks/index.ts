import { Command } from 'commander';
import { isSymptomId } from '../../catalogue.js';
import { UsageError } from '../../errors.js';
import { loadPlaybooks, type Playbook } from '../../playbooks/load.js';
import { painter } from '../../render/style.js';
import { wantsColor } from '../../render/style.js';

function renderPlaybook(p: Playbook, color: boolean): string {
  const paint = painter(color);
  const fixes = p.fixes.map((f, i) => {
    const applies = f.appliesTo.length > 0 ? paint('dim', ` (${f.appliesTo.join(', ')})`) : '';
    return [`${i + 1}. ${paint('bold', f.title)}${applies}`, f.detail, f.command ? f.command.replace(/^/gm, '   $ ') : '']
      .filter(Boolean)
      .join('\n');
  });
  return [
    `${paint('bold', p.title)}  ${paint('dim', `[${p.id} · ${p.severity}]`)}`,
    '',
    paint('bold', 'Meaning'), p.meaning, '',
    paint('bold', 'Impact'), p.impact, '',
    paint('bold', 'Diagnosis'), p.diagnosis, '',
    paint('bold', 'Mitigation (cheapest first)'), fixes.join('\n\n'), '',
    ...(p.related.length > 0 ? [`${paint('bold', 'Related:')} ${p.related.join(', ')}`] : []),
    paint('bold', 'References'),
    ...p.references.map((r) => `  ${r.title}: ${r.url}`),
    '',
  ].join('\n');
}

export function playbooksCommand(): Command {
  return new Command('playbooks')
    .description('list the playbooks, or print one')
    .argument('[id]', 'a symptom id from the catalogue')
    .option('--format <format>', 'text or markdown (the playbook file as written)', 'text')
    .option('--no-color', 'no colour')
    .action((id: string | undefined, flags: { format: string; color?: boolean }) => {
      const playbooks = loadPlaybooks();
      const color = wantsColor(process.stdout, flags.color);
      if (!id) {
        const width = Math.max(...[...playbooks.keys()].map((k) => k.length));
        for (const p of playbooks.values()) process.stdout.write(`${p.id.padEnd(width)}  ${p.severity.padEnd(8)}  ${p.title}\n`);
        return;
      }
      if (!isSymptomId(id)) throw new UsageError(`no playbook "${id}": run etl-doctor playbooks to list them`);
      const playbook = playbooks.get(id);
      if (!playbook) throw new UsageError(`no playbook "${id}" yet`);
      process.stdout.write(flags.format === 'markdown' ? `# ${playbook.title}\n\n## Meaning\n\n${playbook.meaning}\n\n## Impact\n\n${playbook.impact}\n\n## Diagnosis\n\n${playbook.diagnosis}\n\n## Mitigation\n\n${playbook.mitigation}\n` : renderPlaybook(playbook, color));
    });
}
