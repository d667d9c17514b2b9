import type { FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  // Uploaded files handed back (report attachments, screenshots): always as downloads, never rendered.
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** Sends a generated file as a download with a Chinese file name (RFC 5987 encoding). */
export async function sendFile(reply: FastifyReply, body: Buffer, filename: string): Promise<void> {
  const ext = filename.split('.').pop() ?? '';
  await reply
    .header('Content-Type', TYPES[ext] ?? 'application/octet-stream')
    .header(
      'Content-Disposition',
      `attachment; filename="download.${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header('Cache-Control', 'no-store')
    .send(body);
}
