import type { Role } from '../roles';
import type { PageQuery, PersonRef } from './common';

/** Body of PUT /api/my/anti-fraud-app (API.md). Registered implies installed. */
export interface AntiFraudAppReportRequest {
  installed: boolean;
  registered: boolean;
}

/** The caller's record; `reportedAt` is null until they first report. */
export interface AntiFraudAppRecord {
  userId: number;
  installed: boolean;
  registered: boolean;
  hasScreenshot: boolean;
  reportedAt: string | null;
}

/** A screenshot of the installed APP: an image, at most this large. */
export const APP_SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;

export type AppStatsGroupBy = 'college' | 'class';

export interface AppInstallQuery {
  groupBy?: AppStatsGroupBy;
  collegeId?: number;
  role?: Role;
}

/** Install figures of one college or class (id null: people without a college, e.g. school offices). */
export interface AppInstallRow {
  id: number | null;
  name: string;
  people: number;
  installed: number;
  registered: number;
  /** installed ÷ people, 0–1 (应安尽安: the goal is 1). */
  installRate: number;
  registerRate: number;
}

export interface AppInstallStats {
  rows: AppInstallRow[];
  total: Omit<AppInstallRow, 'id' | 'name'>;
}

/** not_installed: no record or installed = false; not_registered: installed but not registered. */
export type AppMissingKind = 'not_installed' | 'not_registered';

export interface AppMissingQuery extends PageQuery {
  kind?: AppMissingKind;
  collegeId?: number;
  classId?: number;
  role?: Role;
  q?: string;
}

export interface AppMissingRow extends PersonRef {
  role: Role;
  installed: boolean;
  registered: boolean;
  reportedAt: string | null;
}
