/**
 * pnpm restore <backup folder> [--force]
 * Restores a folder written by `pnpm backup` into the configured database and DATA_DIR. Stop the
 * servers first. Without --force it refuses a database that already holds tables.
 */
import { AppConfig } from '../src/config/app-config';
import { restore } from '../src/ops/backup';

async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!dir) throw new Error('用法：pnpm restore <备份目录> [--force]');
  await restore(new AppConfig(), dir, { force: process.argv.includes('--force') });
  console.log(`已从 ${dir} 恢复`);
}

main().catch((error: unknown) => {
  console.error(`恢复失败：${(error as Error).message}`);
  process.exit(1);
});
