/**
 * Log text is untrusted: a line can carry escape sequences that move the cursor, rewrite the
 * terminal title or hide text. Everything printed from a log goes through here first.
 */
const ESCAPE_SEQUENCES = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]', // CSI: ESC [ params final
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?', // OSC, ended by BEL or ST
    '\\u001b[PX^_][^\\u001b]*(?:\\u001b\\\\)?', // DCS, SOS, PM, APC
    '\\u001b[@-Z\\\\-_]', // other two-byte escapes
    '\\u009b[0-?]*[ -/]*[@-~]', // 8-bit CSI
  ].join('|'),
  'g',
);
// C0 controls except tab and newline, C1 controls, DEL, and bidi overrides that can disguise text.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARS, '');
}

/** Shortens a long line around the interesting part, keeping the start of the match visible. */
export function clip(text: string, max = 400, focus = 0): string {
  if (text.length <= max) return text;
  const start = Math.max(0, Math.min(focus - Math.floor(max / 4), text.length - max));
  const head = start > 0 ? '…' : '';
  const tail = start + max < text.length ? '…' : '';
  return head + text.slice(start, start + max) + tail;
}
