/** 新学年 (academic-year rollover) and retention of the personal data of people who have left. */

/** One 年级 (enrolment year) as the rollover page shows it. */
export interface CohortRow {
  enrollmentYear: number;
  classes: number;
  /** Students who can sign in. */
  active: number;
  /** Graduates archived by an earlier rollover (disabled, still in their year's statistics). */
  archived: number;
  hasLetter: boolean;
  /** Entrance exams (入学第一考) addressed to this 年级, drafts included. */
  entranceExams: number;
}

/** GET /api/rollover */
export interface RolloverOverview {
  /** This academic year's freshmen by today's date (September starts a new one). */
  freshmanYear: number;
  /** Years whose students have studied the usual three years or more: the suggested graduates. */
  suggestedGraduateYears: number[];
  cohorts: CohortRow[];
}

/** POST /api/rollover */
export interface RolloverRequest {
  /** The new freshmen's enrolment year (入学年份 / 年级). */
  enrollmentYear: number;
  /** The 年级 that graduate now: their students are disabled and archived. */
  graduateYears: number[];
  /** true: only say what would happen (nothing is written). */
  dryRun: boolean;
}

export interface RolloverResult {
  dryRun: boolean;
  enrollmentYear: number;
  /** Students of the new 年级 already imported (the roster import brings them in). */
  freshmen: number;
  graduates: Array<{ enrollmentYear: number; students: number }>;
  /** Students disabled and archived (or that would be). */
  archived: number;
  /** The new 年级's letter: already there, copied from an earlier year's, or none to copy. */
  letter: { action: 'exists' | 'copied' | 'none'; fromYear: number | null; letterId: number | null };
  /** The new 年级's 入学第一考: already there, copied as a draft from an earlier one, or none to copy. */
  entranceExam: { action: 'exists' | 'copied' | 'none'; fromExamId: number | null; examId: number | null };
  /** Things the admin should know (no freshmen imported yet, …). */
  warnings: string[];
}

/** GET /api/retention */
export interface RetentionStatus {
  /** RETENTION_YEARS: personal data of people gone this long is anonymised. */
  years: number;
  /** Accounts disabled (graduated or stopped) that keep their personal data for now. */
  waiting: number;
  /** Of those, whose period has run out: the next run anonymises them. */
  due: number;
  anonymised: number;
}

/** POST /api/retention/run */
export interface RetentionRunResult {
  anonymised: number;
  /** Uploaded files of theirs removed (APP screenshots). */
  filesRemoved: number;
}
