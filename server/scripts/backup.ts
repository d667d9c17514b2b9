/**
 * pnpm backup [--out DIR]    (default DIR: $DATA_DIR/backups)
 * A consistent backup of the configured database (DATABASE_URL, or the SQLite file in DATA_DIR)
 * and the uploaded files, taken while the platform runs. Prints the folder it wrote. For cron:
 *   15 2 * * *  cd /opt/campus && DATABASE_URL=... pnpm backup --out /backups >> /var/log/campus-backup.log 2>&1
 */
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config';
import { backup } from '../src/ops/backup';

async function main(): Promise<void> {
  const config = new AppConfig();
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? process.argv[i + 1]! : join(config.dataDir, 'backups');
  const dir = await backup(config, out);
  console.log(`备份完成：${dir}`);
}

main().catch((error: unknown) => {
  console.error(`备份失败：${(error as Error).message}`);
  process.exit(1);
});
