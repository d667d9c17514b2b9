import { MESSAGE_BYTES, markdownText } from './notify-payloads';
import type { NotifyMessage } from './notify-message';

/** Room kept for the heading, the link and the closing note when a list is cut to fit. */
const LIST_BUDGET = MESSAGE_BYTES - 900;

export function link(base: string | null, path: string, text: string): NotifyMessage['link'] {
  return base ? { text, url: `${base}${path}` } : null;
}

/**
 * Joins names into paragraphs while the message stays within the robots' size limit (企业微信's
 * 4096 bytes is the smallest); the rest is summed up as 等 N 人 with a pointer to the full list.
 */
export function fitList(groups: Array<{ heading: string; names: string[] }>): { lines: string[]; omitted: number } {
  const lines: string[] = [];
  let used = 0;
  let omitted = 0;
  for (const group of groups) {
    const kept: string[] = [];
    for (const name of group.names) {
      const cost = Buffer.byteLength(`${name}、`, 'utf8');
      if (used + cost > LIST_BUDGET) {
        omitted += 1;
        continue;
      }
      used += cost;
      kept.push(name);
    }
    if (kept.length > 0) {
      const line = `${group.heading}（${group.names.length} 人）：${kept.join('、')}`;
      used += Buffer.byteLength(group.heading, 'utf8') + 16;
      lines.push(kept.length < group.names.length ? `${line} 等` : line);
    }
  }
  return { lines, omitted };
}

/** Cuts a paragraph so the whole message fits (alert texts are written for the web page, not a robot). */
export function fitMessage(message: NotifyMessage): NotifyMessage {
  let result = message;
  while (Buffer.byteLength(markdownText(result), 'utf8') > MESSAGE_BYTES - 200 && result.lines.length > 0) {
    const lines = [...result.lines];
    const last = lines.pop()!;
    const shorter = last.slice(0, Math.floor(last.length * 0.8));
    if (shorter.length > 20) lines.push(`${shorter}…`);
    result = { ...result, lines };
  }
  return result;
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function points(change: number): string {
  const value = (change * 100).toFixed(1);
  return change >= 0 ? `+${value}` : value;
}
