import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { detectMysqlFlavour } from './mysql-admin';
import { Sql } from './sql';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const flavour = config.databaseUrl ? await detectMysqlFlavour(config.databaseUrl) : undefined;
        return { ...dataSourceOptions(config, flavour), retryAttempts: 3, retryDelay: 1000 };
      },
    }),
  ],
  providers: [Sql],
  exports: [Sql],
})
export class DatabaseModule {}
