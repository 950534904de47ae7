import { Text } from 'ink';
import type { DisplayLine } from '../display.js';

/** One screen line, cut at the terminal width (never wrapped); colours only when colour is on. */
export function Line({ line, color }: { line: DisplayLine; color: boolean }) {
  return (
    <Text wrap="truncate-end">
      {line.map((part, i) => (
        <Text
          key={i}
          {...(color && part.tone ? { color: part.tone } : {})}
          bold={part.bold ?? false}
          dimColor={part.dim ?? false}
          inverse={part.inverse ?? false}
        >
          {part.text}
        </Text>
      ))}
    </Text>
  );
}

export function Lines({ lines, color, height }: { lines: DisplayLine[]; color: boolean; height?: number }) {
  const padded =
    height === undefined
      ? lines
      : [
          ...lines.slice(0, height),
          ...Array.from({ length: Math.max(0, height - lines.length) }, (): DisplayLine => [{ text: ' ' }]),
        ];
  return (
    <>
      {padded.map((line, i) => (
        <Line key={i} line={line} color={color} />
      ))}
    </>
  );
}
