import { Module } from '@nestjs/common';
import { AwarenessCountsQuery } from './awareness.query';
import { FraudTypeQuery } from './fraud-type.query';
import { ItemAnalysisQuery } from './item-analysis.query';
import { PeopleListQuery } from './people-list.query';
import { StatsScopeService } from './stats-scope.service';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  controllers: [StatsController],
  providers: [
    StatsService,
    StatsScopeService,
    AwarenessCountsQuery,
    PeopleListQuery,
    FraudTypeQuery,
    ItemAnalysisQuery,
  ],
  exports: [StatsService, StatsScopeService],
})
export class StatsModule {}
