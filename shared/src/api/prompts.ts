import type { FraudType } from '../fraud-types';
import type { PageQuery } from './common';
import type { QuickQuizFigures } from './quick-quiz';

/** 课前3分钟 prompts (PRODUCT.md "prompt library", API.md "课前3分钟 prompts"). */
export type PromptStatus = 'active' | 'retired';

/**
 * Where a prompt's case comes from. `bulletin`: a published notice anyone can look up, named by its
 * issuer, title and date. `composite`: a typical case written from many reported cases, with invented
 * people and sums; it has no date, so nothing pretends to a bulletin that cannot be found.
 */
export type PromptSourceKind = 'bulletin' | 'composite';

/** The fixed source line of a composite case (stored in `source`, shown everywhere a source is). */
export const COMPOSITE_SOURCE_LABEL = '综合典型案情编写（人物、金额为虚构）';

/** 互动提问: one question the teacher puts to the class at the end, with a short reference answer. */
export interface PromptDiscussion {
  question: string;
  answer: string;
}

/** Body of POST /api/prompts and PUT /api/prompts/:id. */
export interface PromptInput {
  title: string;
  /** The real-style case, told in a minute or two. */
  story: string;
  warningSigns: string[];
  /** What to do: 挂断电话、不转账、拨打96110/110… */
  actions: string[];
  /** The one line students should remember. */
  takeaway: string;
  fraudType: FraudType;
  tags?: string[];
  /**
   * 讲解要点: 2–4 points for the teacher (what to stress, what students get wrong); shown to the
   * teacher, not read out as slides. Optional so older clients and files still work.
   */
  teachingPoints?: string[];
  /** 互动提问 closing the talk; null or omitted when the prompt has none. */
  discussion?: PromptDiscussion | null;
  /**
   * Omitted: `bulletin` when an issuer, a date or a source other than the composite label is given,
   * else `composite` (so a body written before this field existed keeps its meaning).
   */
  sourceKind?: PromptSourceKind;
  /** Bulletins: the issuing body, e.g. 公安部刑侦局. Empty for composites. */
  sourceIssuer?: string;
  /** Bulletins: the bulletin's title. Composites: empty or {@link COMPOSITE_SOURCE_LABEL}. */
  source?: string;
  /** `YYYY-MM-DD`: when the bulletin was published. Required for bulletins, empty for composites. */
  sourceDate?: string | null;
  /** ISO-8601; time-sensitive prompts stop being offered after it. */
  expiresAt?: string | null;
}

export interface PromptDto {
  id: number;
  title: string;
  story: string;
  warningSigns: string[];
  actions: string[];
  takeaway: string;
  fraudType: FraudType;
  tags: string[];
  teachingPoints: string[];
  discussion: PromptDiscussion | null;
  sourceKind: PromptSourceKind;
  sourceIssuer: string;
  /** A bulletin's title, or {@link COMPOSITE_SOURCE_LABEL}. */
  source: string;
  /** A bulletin's date; null for composites. */
  sourceDate: string | null;
  expiresAt: string | null;
  status: PromptStatus;
  /** Past its expiresAt: kept for the record, never offered. */
  expired: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * GET /api/prompts. Teachers only ever see prompts that can be given (active, not expired);
 * `status` and `availability` are for the library's managers.
 */
export interface PromptListQuery extends PageQuery {
  fraudType?: FraudType;
  q?: string;
  status?: PromptStatus;
  /** `available`: active and not expired; `expired`: past expiresAt. */
  availability?: 'available' | 'expired';
}

/** GET /api/prompts/next?classId= */
export interface NextPromptQuery {
  classId: number;
  /**
   * When the class has heard every available prompt, `true` starts a new round with the prompts it
   * heard longest ago; without it the answer is 404.
   */
  repeat?: boolean;
  /** Comma-separated prompt ids the teacher passed over (换一条). */
  exclude?: string;
}

/** A prompt chosen for a class, with why it was chosen (API.md: "a prompt"; the rest is added). */
export interface NextPromptDto extends PromptDto {
  classId: number;
  /** E.g. “本班尚未听过；上次讲的是刷单返利，本次换一类”. */
  reason: string;
  /** Available prompts the class has not heard yet, this one included (0 in a new round). */
  unheardCount: number;
  availableCount: number;
  /** true when every available prompt had been heard and this one starts a new round. */
  newRound: boolean;
}

/** Body of POST /api/prompts/:id/deliveries. */
export interface PromptDeliveryInput {
  classId: number;
}

/** API.md: `{ id, promptId, classId, teacherId, deliveredAt }`, plus names for lists. */
export interface PromptDeliveryDto {
  id: number;
  promptId: number;
  classId: number;
  teacherId: number;
  deliveredAt: string;
  promptTitle: string;
  fraudType: FraudType;
  className: string;
  collegeId: number;
  collegeName: string;
  teacherName: string;
  /** The same prompt was logged for this class within the hour: this is that delivery. */
  alreadyLogged?: boolean;
}

/** GET /api/prompts/deliveries. A teacher sees only their own; a college admin only their college. */
export interface PromptDeliveryQuery extends PageQuery {
  classId?: number;
  teacherId?: number;
  collegeId?: number;
  /** ISO-8601 or YYYY-MM-DD (start of that day, China time). */
  from?: string;
  /** ISO-8601 or YYYY-MM-DD (the whole of that day, China time). */
  to?: string;
}

/** GET /api/prompts/coverage?collegeId=&week= */
export interface PromptCoverageQuery {
  collegeId?: number;
  /** Any day of the week to show, `YYYY-MM-DD`; default this week. Weeks run Monday–Sunday, China time. */
  week?: string;
}

export interface PromptCoverageFigures {
  classes: number;
  /** Classes that heard at least one prompt this week. */
  classesReached: number;
  deliveries: number;
  /** classesReached ÷ classes, 0–1. */
  reachRate: number;
  /** 课堂快问 in the week: participation and correct rate. */
  quickQuiz: QuickQuizFigures;
}

export interface PromptCoverageCollegeRow extends PromptCoverageFigures {
  collegeId: number;
  collegeName: string;
}

export interface PromptCoverageClassRow {
  classId: number;
  className: string;
  collegeId: number;
  collegeName: string;
  deliveries: number;
  lastDeliveredAt: string | null;
  quickQuiz: QuickQuizFigures;
}

export interface PromptCoverageWeek {
  weekStart: string;
  deliveries: number;
  classesReached: number;
}

export interface PromptCoverageDto {
  /** Monday 00:00 (+08:00) of the week shown. */
  weekStart: string;
  /** The next Monday 00:00: the week is [weekStart, weekEnd). */
  weekEnd: string;
  total: PromptCoverageFigures;
  colleges: PromptCoverageCollegeRow[];
  /** Every class in scope, those with no delivery this week first. */
  classes: PromptCoverageClassRow[];
  /** The last eight weeks up to the one shown, oldest first. */
  trend: PromptCoverageWeek[];
}

export interface PromptImportIssue {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  column?: string;
  message: string;
}

/** POST /api/prompts/import?dryRun=; any error → 422 with this body and nothing written. */
export interface PromptImportResult {
  dryRun: boolean;
  created: number;
  /** Titles already in the library or repeated in the file: not imported again. */
  duplicates: PromptImportIssue[];
  errors: PromptImportIssue[];
}

/** POST /api/prompts/seed */
export interface PromptSeedResult {
  /** Shipped prompts added. */
  prompts: number;
  /** Unedited prompts of an earlier release replaced (retired when delivered, otherwise removed). */
  replaced: number;
}

/** A class a teacher teaches (GET /api/teachers/:id/classes). */
export interface TeachingClassDto {
  id: number;
  name: string;
  collegeId: number;
  collegeName: string;
}

/** Body of POST /api/teachers/:id/classes: an admin assigns a teacher to a class. */
export interface TeachingAssignmentInput {
  classId: number;
}
