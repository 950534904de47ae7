import { render } from 'ink';
import { App } from './app.js';
import type { ExitRequest, TriageDeps, TriageOptions } from './types.js';

const ALT_SCREEN_ON = '\u001b[?1049h\u001b[H';
const ALT_SCREEN_OFF = '\u001b[?1049l';

/**
 * Runs the triage UI full-screen (the terminal's alternate screen, restored on exit) until the user
 * quits; resolves with what they asked for.
 */
export async function startTriageUi(deps: TriageDeps, options: TriageOptions): Promise<ExitRequest> {
  const stdout = process.stdout;
  let request: ExitRequest = { type: 'quit' };
  const restore = () => stdout.write(ALT_SCREEN_OFF);
  stdout.write(ALT_SCREEN_ON);
  process.once('exit', restore);
  try {
    const instance = render(<App deps={deps} options={options} onExit={(r) => (request = r)} />, {
      exitOnCtrlC: true,
      patchConsole: true,
    });
    await instance.waitUntilExit();
  } finally {
    process.off('exit', restore);
    restore();
  }
  return request;
}
