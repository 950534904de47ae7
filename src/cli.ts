#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { VERSION } from './version.js';
import { diagnoseCommand } from './commands/diagnose/index.js';
import { playbooksCommand } from './commands/playbooks/index.js';
import { serveFixtureCommand } from './commands/serve-fixture/index.js';
import { triageCommand } from './commands/triage/index.js';
import { FixtureError } from './aws/replay/fixture.js';
import { PlaybookError } from './playbooks/load.js';

// The SDK warns on every run under Node 20 that future SDK majors need Node 22; our stderr is for the
// user's diagnosis, and the lock file pins SDK versions that support Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function program(): Command {
  const root = new Command('etl-doctor')
    .description(
      'Diagnose failed AWS Glue jobs, Glue crawlers and EMR steps from the evidence AWS already has.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of [diagnoseCommand(), triageCommand(), playbooksCommand(), serveFixtureCommand()]) {
    root.addCommand(command.exitOverride());
  }
  return root;
}

/** One place maps errors to exit codes: user errors are one line and exit 2; anything else is a bug. */
async function main(argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode =
        err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
          ? 0
          : 2;
      return;
    }
    if (err instanceof UserError || err instanceof FixtureError || err instanceof PlaybookError) {
      process.stderr.write(`etl-doctor: ${err.message}\n`);
      if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 2;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`etl-doctor: internal error: ${message.split('\n')[0]}\n`);
    process.stderr.write(
      verbose && err instanceof Error && err.stack
        ? `${err.stack}\n`
        : 'Run again with --verbose for details, and please report it.\n',
    );
    process.exitCode = 2;
  }
}

await main(process.argv);
