import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { FORMATS, type Format } from '../render/index.js';

export interface OutputFlags {
  format: Format;
  output?: string;
  color?: boolean;
}

export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)');
}

export async function emit(text: string, flags: OutputFlags): Promise<void> {
  if (!flags.output) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(flags.output, text);
  } catch (err) {
    throw new UserError(
      `cannot write ${flags.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
