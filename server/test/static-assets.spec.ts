import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { TestApp } from './harness';

// The built web app served from the API's own port: precompressed files chosen by Accept-Encoding,
// hashed assets cached for a year, index.html always revalidated, and the SPA fallback.
describe('the web app’s static files', () => {
  let t: TestApp;
  const script = `export const hello = ${JSON.stringify('考试'.repeat(400))};\n`;
  const page = `<!doctype html><html><head><title>校园反诈</title></head><body>${'<p>页</p>'.repeat(200)}</body></html>`;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'campus-web-dist-'));
    mkdirSync(join(dist, 'assets'));
    const write = (name: string, text: string, compressed = true) => {
      writeFileSync(join(dist, name), text);
      if (!compressed) return;
      writeFileSync(join(dist, `${name}.br`), brotliCompressSync(Buffer.from(text)));
      writeFileSync(join(dist, `${name}.gz`), gzipSync(Buffer.from(text)));
    };
    write('index.html', page);
    write('assets/app-3f2a.js', script);
    write('assets/tiny-9c1d.js', 'export {};\n', false);
    t = await TestApp.start({ WEB_DIST: dist });
  });
  afterAll(() => t.close());

  it('sends the brotli copy to a browser that accepts it, else gzip, else the file itself', async () => {
    const br = await t.request('GET', '/assets/app-3f2a.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(script) / 4);

    const gz = await t.request('GET', '/assets/app-3f2a.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await t.request('GET', '/assets/app-3f2a.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString('utf8')).toBe(script);

    const tiny = await t.request('GET', '/assets/tiny-9c1d.js', { headers: { 'accept-encoding': 'br' } });
    expect(tiny.status).toBe(200);
    expect(tiny.raw.toString('utf8')).toBe('export {};\n');
  });

  it('lets hashed assets be cached for a year with the subresource headers only, and revalidates pages', async () => {
    const asset = await t.request('GET', '/assets/app-3f2a.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['content-security-policy']).toBeUndefined();

    const index = await t.request('GET', '/', { headers: { 'accept-encoding': 'br' } });
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    // Over plain HTTP on an intranet address, this directive would send every script to https.
    expect(String(index.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });

  it('answers a client-side route with index.html, compressed like the rest', async () => {
    const route = await t.request('GET', '/attempts/12', { headers: { 'accept-encoding': 'gzip' } });
    expect(route.status).toBe(200);
    expect(route.headers['content-encoding']).toBe('gzip');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(String(route.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});
