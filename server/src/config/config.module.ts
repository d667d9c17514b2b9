import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from './app-config';

/** What every module may need and none owns: the configuration and the clock. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }, Clock],
      exports: [AppConfig, Clock],
    };
  }
}
