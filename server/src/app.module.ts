import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthCoreModule } from './common/auth/auth.module';
import { ClusterModule } from './common/cluster/cluster.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { SeedModule } from './database/seeds/seed.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AntiFraudAppModule } from './modules/anti-fraud-app/anti-fraud-app.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CoursesModule } from './modules/courses/courses.module';
import { ExamsModule } from './modules/exams/exams.module';
import { HealthModule } from './modules/health/health.module';
import { HousekeepingModule } from './modules/housekeeping/housekeeping.module';
import { LettersModule } from './modules/letters/letters.module';
import { NotifyModule } from './modules/notify/notify.module';
import { LifecycleModule } from './modules/lifecycle/lifecycle.module';
import { OrgModule } from './modules/org/org.module';
import { PromptsModule } from './modules/prompts/prompts.module';
import { QuickQuizModule } from './modules/quick-quiz/quick-quiz.module';
import { QuestionsModule } from './modules/questions/questions.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SchoolModule } from './modules/school/school.module';
import { RosterModule } from './modules/roster/roster.module';
import { StatsModule } from './modules/stats/stats.module';
import { TeachingModule } from './modules/teaching/teaching.module';
import { UsersModule } from './modules/users/users.module';
import { WeeklyReportModule } from './modules/weekly-report/weekly-report.module';

const FEATURES = [
  ClusterModule,
  AuthCoreModule,
  HealthModule,
  AuthModule,
  OrgModule,
  UsersModule,
  RosterModule,
  QuestionsModule,
  ExamsModule,
  TeachingModule,
  PromptsModule,
  QuickQuizModule,
  CoursesModule,
  LettersModule,
  AuditModule,
  NotifyModule,
  SchoolModule,
  AlertsModule,
  AntiFraudAppModule,
  ReportsModule,
  StatsModule,
  WeeklyReportModule,
  LifecycleModule,
  HousekeepingModule,
  ScheduleModule.forRoot(),
  SeedModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, ...FEATURES],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
