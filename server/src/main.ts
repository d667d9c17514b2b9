import 'reflect-metadata';
import { ConfigError } from './config/app-config';
import { bootstrap } from './app.factory';

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`配置错误：${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
