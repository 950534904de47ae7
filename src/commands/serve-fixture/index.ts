import { Command } from 'commander';
import { UsageError } from '../../errors.js';

export function serveFixtureCommand(): Command {
  return new Command('serve-fixture')
    .description('serve a recorded fixture on a loopback AWS endpoint and print its URL')
    .argument('<dir>', 'fixture folder (see shared/spec/fixture-format.md)')
    .option('--port <port>', 'port to listen on (default: any free port)')
    .action(async (dir: string, flags: { port?: string }) => {
      const port = flags.port === undefined ? 0 : Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0-65535, not "${flags.port}"`);
      const { startReplayServer } = await import('../../aws/replay/server.js');
      const server = await startReplayServer(dir, { port });
      const region = server.fixture.scenario?.region ?? 'us-east-1';
      process.stdout.write(`${server.url}\n`);
      process.stderr.write(
        `Serving ${dir} on ${server.url} (Ctrl-C to stop). Try:\n` +
          `  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --endpoint-url ${server.url} --region ${region} glue get-job-runs --job-name <job>\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
