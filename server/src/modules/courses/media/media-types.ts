/** A file type recognised by its first bytes, never by its name or the browser's claim. */
export interface SniffedType {
  ext: string;
  mime: string;
}

/** MP4 has an 'ftyp' box right at the start; WebM (Matroska) starts with the EBML magic 1A 45 DF A3. */
export function sniffVideo(head: Buffer): SniffedType | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') return { ext: 'mp4', mime: 'video/mp4' };
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return { ext: 'webm', mime: 'video/webm' };
  return null;
}

/** PNG, JPEG, GIF and WebP: what browsers show and the editor accepts. SVG is refused (it can carry scripts). */
export function sniffImage(head: Buffer): SniffedType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { ext: 'png', mime: 'image/png' };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { ext: 'jpg', mime: 'image/jpeg' };
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('latin1', 0, 6))) return { ext: 'gif', mime: 'image/gif' };
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP')
    return { ext: 'webp', mime: 'image/webp' };
  return null;
}

const MIME_BY_EXT: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Stored names are random hex plus the sniffed extension, so a name is checked by shape alone. */
export const VIDEO_FILE = /^[a-f0-9]{32}\.(?:mp4|webm)$/;
export const IMAGE_FILE = /^[a-f0-9]{32}\.(?:png|jpg|gif|webp)$/;

export function mimeOf(file: string): string {
  return MIME_BY_EXT[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}
