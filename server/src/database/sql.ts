import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DatabaseKind } from '../config/app-config';

/**
 * The few places that go below the ORM (bulk import, hot exam paths) use this: it knows the dialect,
 * so the SQL differences stay in one file.
 */
@Injectable()
export class Sql {
  readonly kind: DatabaseKind;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  query<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T> {
    return (manager ?? this.dataSource.manager).query(sql, this.params(params)) as Promise<T>;
  }

  /**
   * better-sqlite3 binds only numbers, strings, bigints, buffers and null: dates become the UTC text
   * TypeORM itself stores there, booleans 1/0. mysql2 takes both as they are.
   */
  params(values: unknown[]): unknown[] {
    if (this.kind === 'mysql') return values;
    return values.map((v) => {
      if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v;
    });
  }

  /** `INSERT … VALUES (…),(…)` for many rows at once, in chunks the drivers accept. */
  async insertMany(
    manager: EntityManager,
    table: string,
    columns: string[],
    rows: unknown[][],
    options: { ignoreDuplicates?: boolean; chunkSize?: number } = {},
  ): Promise<void> {
    // SQLite allows 32,766 bound parameters; MySQL's packet limit is the other bound.
    const chunkSize = options.chunkSize ?? Math.max(1, Math.floor(30000 / columns.length / 10));
    const verb = options.ignoreDuplicates ? (this.kind === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE') : 'INSERT';
    const tuple = `(${columns.map(() => '?').join(',')})`;
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const sql = `${verb} INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`;
      await manager.query(sql, this.params(chunk.flat()));
    }
  }

  /**
   * Inserts rows, or updates `updateColumns` of the row whose unique key `conflictColumn` matches.
   * One statement per chunk on both dialects.
   */
  async upsertMany(
    manager: EntityManager,
    table: string,
    columns: string[],
    rows: unknown[][],
    conflictColumn: string,
    updateColumns: string[],
  ): Promise<void> {
    const chunkSize = Math.max(1, Math.floor(30000 / columns.length / 10));
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const update =
      this.kind === 'mysql'
        ? `ON DUPLICATE KEY UPDATE ${updateColumns.map((c) => `${c}=VALUES(${c})`).join(',')}`
        : `ON CONFLICT(${conflictColumn}) DO UPDATE SET ${updateColumns.map((c) => `${c}=excluded.${c}`).join(',')}`;
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')} ${update}`;
      await manager.query(sql, this.params(chunk.flat()));
    }
  }
}
