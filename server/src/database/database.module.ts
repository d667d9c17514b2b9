import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { detectMysqlFlavour } from './mysql-admin';
import { ReadReplicas } from './read-replicas';
import { Sql } from './sql';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const flavour = config.databaseUrl
          ? await detectMysqlFlavour(config.databaseUrl, config.databaseFailoverHosts)
          : undefined;
        return { ...dataSourceOptions(config, flavour), retryAttempts: 3, retryDelay: 1000 };
      },
    }),
  ],
  providers: [Sql, ReadReplicas],
  exports: [Sql, ReadReplicas],
})
export class DatabaseModule {}
