import { Module } from '@nestjs/common';
import { RosterModule } from '../../modules/roster/roster.module';
import { SeedService } from './seed.service';

@Module({ imports: [RosterModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
