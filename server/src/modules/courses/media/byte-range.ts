/** The bytes to send for a Range request, both ends inclusive (RFC 9110 §14.1.2). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes:
 * - `null`: no range asked (or several, which players never send): send the whole file with 200;
 * - `'unsatisfiable'`: malformed, or starting past the end: answer 416 with `Content-Range: bytes * /size`;
 * - a range: answer 206 with exactly those bytes (an end past the file is cut to its last byte).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined || header.trim() === '') return null;
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return 'unsatisfiable';
  const specs = match[1]!.split(',').map((s) => s.trim());
  if (specs.length > 1) return null;
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!spec) return 'unsatisfiable';
  const [, first, last] = spec as unknown as [string, string, string];
  if (first === '' && last === '') return 'unsatisfiable';
  if (first === '') {
    // bytes=-N: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}
