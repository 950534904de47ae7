import type { ProgressEvent } from '../fetchers/sources.js';
import { stripControl } from '../util/sanitize.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A one-line spinner on stderr naming the source being read; silent when stderr is not a terminal. */
export function createSpinner(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { onProgress: (_event: ProgressEvent) => {}, stop: () => {} };
  let frame = 0;
  let label = 'starting';
  const draw = () => {
    const text = `${FRAMES[frame++ % FRAMES.length]} reading ${label}`;
    stream.write(`\r\u001b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    onProgress(event: ProgressEvent) {
      if (event.type === 'source-start') label = stripControl(event.name);
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\u001b[2K');
    },
  };
}
