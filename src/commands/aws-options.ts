import { Option, type Command } from 'commander';
import type { AwsClients } from '../aws/clients.js';
import { loadFixture, type Fixture } from '../aws/replay/fixture.js';

export interface AwsFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  replay?: string;
  verbose?: boolean;
}

/** The options every AWS-reading command takes (shared/spec/cli.md), with the same names everywhere. */
export function addAwsOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile from your shared config/credentials files')
    .option('--region <region>', "AWS region (else AWS_REGION or the profile's region)")
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (e.g. a replay or LocalStack)')
    .option('--replay <dir>', 'serve a recorded fixture in-process and read from it')
    .addOption(new Option('--verbose', 'print stack traces and debug detail on errors'));
}

export interface AwsSession {
  clients: AwsClients;
  fixture?: Fixture;
  close(): Promise<void>;
}

/** Clients for a command: against the user's account, an endpoint, or an in-process replay of a fixture. */
export async function openAws(flags: AwsFlags): Promise<AwsSession> {
  // The SDK and the replay server load only when a command talks to AWS.
  const { createClients, REPLAY_CREDENTIALS } = await import('../aws/clients.js');
  if (flags.replay) {
    const fixture = await loadFixture(flags.replay);
    const { startReplayServer } = await import('../aws/replay/server.js');
    const server = await startReplayServer(fixture);
    const clients = createClients({
      endpointUrl: server.url,
      region: flags.region ?? fixture.scenario?.region ?? 'us-east-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
    });
    return {
      clients,
      fixture,
      async close() {
        clients.destroy();
        await server.close();
      },
    };
  }
  const clients = createClients({
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
  });
  return { clients, close: async () => clients.destroy() };
}
