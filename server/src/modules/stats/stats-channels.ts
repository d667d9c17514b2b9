import type { StatsChannels } from '@campus/shared';
import type { DataSource } from 'typeorm';

/**
 * The optional channels of awareness are other features' tables (course_completion + course,
 * letter + letter_confirmation, anti_fraud_app_report, prompt_delivery). A channel counts when its
 * tables are part of this build's schema; until then its figures are null rather than a wrong 0.
 */
export function availableChannels(dataSource: DataSource): StatsChannels {
  const tables = new Set(dataSource.entityMetadatas.map((m) => m.tableName));
  return {
    course: tables.has('course') && tables.has('course_completion'),
    letter: tables.has('letter') && tables.has('letter_confirmation'),
    app: tables.has('anti_fraud_app_report'),
    prompt: tables.has('prompt_delivery'),
  };
}
