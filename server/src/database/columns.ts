import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

/**
 * Times are stored as UTC DATETIME(3) (the driver connects with timezone 'Z'); the API turns them
 * into ISO strings with an offset. One definition so MySQL and SQLite agree.
 */
export function DateTimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

// TypeORM gives these a CURRENT_TIMESTAMP(6) default, so their precision must be 6 for the schema
// that migrations create to match the entities exactly.
export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 6 });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'datetime', precision: 6 });
}
