import { readdirSync, readFileSync } from 'node:fs';
import { join, basename, isAbsolute } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface SizeReportOptions {
  /**
   * Screens to weigh: name → the lazily loaded modules (file basenames, e.g. `AppLayout.vue`) that
   * screen needs besides the entry. Each screen is reported with everything the browser downloads
   * for it, which is what the size budget is about.
   */
  screens?: Record<string, string[]>;
  /** A screen above this many gzipped KB is flagged. */
  budgetKb?: number;
}

interface ChunkNode {
  imports: string[];
  css: string[];
  facade: string | null;
  isEntry: boolean;
}

const KB = 1024;

function kb(bytes: number): string {
  return (bytes / KB).toFixed(1).padStart(8);
}

/** Prints the gzipped size of every JS and CSS file in dist/assets, and of each named screen. */
export function sizeReport(options: SizeReportOptions = {}): Plugin {
  let outDir = 'dist';
  const chunks = new Map<string, ChunkNode>();

  function closure(fileName: string, seen: Set<string>): void {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    const node = chunks.get(fileName);
    if (!node) return;
    for (const css of node.css) seen.add(css);
    for (const imported of node.imports) closure(imported, seen);
  }

  return {
    name: 'campus:size-report',
    apply: 'build',
    configResolved(config) {
      outDir = isAbsolute(config.build.outDir) ? config.build.outDir : join(config.root, config.build.outDir);
    },
    writeBundle(_output, bundle) {
      chunks.clear();
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(item.fileName, {
          imports: item.imports,
          css: [...(item.viteMetadata?.importedCss ?? [])],
          facade: item.facadeModuleId ? basename(item.facadeModuleId) : null,
          isEntry: item.isEntry,
        });
      }
    },
    closeBundle() {
      const assetsDir = join(outDir, 'assets');
      const gzipped = new Map<string, { raw: number; gz: number }>();
      for (const file of readdirSync(assetsDir)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const content = readFileSync(join(assetsDir, file));
        gzipped.set(`assets/${file}`, { raw: content.length, gz: gzipSync(content, { level: 9 }).length });
      }

      const rows = [...gzipped.entries()].sort((a, b) => b[1].gz - a[1].gz);
      const sum = (ext: string) =>
        rows.filter(([f]) => f.endsWith(ext)).reduce((total, [, s]) => total + s.gz, 0);
      const lines = ['', 'dist/assets (KB)            raw      gzip'];
      for (const [file, size] of rows) lines.push(`  ${file.padEnd(40)} ${kb(size.raw)} ${kb(size.gz)}`);
      lines.push(`  total JS ${kb(sum('.js'))} KB gz · total CSS ${kb(sum('.css'))} KB gz · all ${kb(sum('.js') + sum('.css'))} KB gz`);

      const entry = [...chunks.entries()].find(([, c]) => c.isEntry)?.[0];
      const screens = options.screens ?? {};
      if (entry && Object.keys(screens).length > 0) {
        lines.push('', 'screens: everything downloaded to show them (KB gzip)');
        for (const [name, modules] of Object.entries(screens)) {
          const files = new Set<string>();
          closure(entry, files);
          const missing: string[] = [];
          for (const module of modules) {
            const chunk = [...chunks.entries()].find(([, c]) => c.facade === module)?.[0];
            if (chunk) closure(chunk, files);
            else missing.push(module);
          }
          const total = [...files].reduce((acc, f) => acc + (gzipped.get(f)?.gz ?? 0), 0);
          const over = options.budgetKb !== undefined && total > options.budgetKb * KB;
          const note = missing.length > 0 ? ` (no chunk for ${missing.join(', ')})` : '';
          lines.push(`  ${name.padEnd(24)} ${kb(total)}${over ? `  OVER BUDGET ${options.budgetKb} KB` : ''}${note}`);
        }
      }
      console.log(lines.join('\n'));
    },
  };
}
