/** A message as the platform composes it; notify-payloads.ts turns it into each robot's JSON. */
export interface NotifyMessage {
  title: string;
  /** Paragraphs of plain text (no markup: each platform's payload escapes or keeps them as text). */
  lines: string[];
  /** An absolute link into the platform, or null when PUBLIC_URL is not set. */
  link: { text: string; url: string } | null;
}
