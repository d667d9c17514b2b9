import type { FraudType } from '../fraud-types';
import type { QuestionType } from '../questions';
import type { PageQuery } from './common';

export type StatsGroupBy = 'college' | 'class';

/**
 * Filters shared by every statistic. Without `examId` the published exams of kind `entrance`
 * (入学第一考) count; with it, that exam alone.
 */
export interface StatsFilter {
  collegeId?: number;
  examId?: number;
  enrollmentYear?: number;
}

/** GET /api/stats/awareness and its export. */
export interface AwarenessQuery extends StatsFilter {
  groupBy?: StatsGroupBy;
}

/**
 * The figures of one group (or of all of them). `people` are the students (accounts not disabled)
 * whom the counted exams address; every rate has them as denominator, except the letter's, whose
 * denominator is those of them whose enrolment year has a letter. Rates are fractions 0–1.
 * A channel whose feature is not installed yet (course, letter, app, prompt) is null.
 */
export interface AwarenessFigures {
  people: number;
  /** People with at least one finished attempt (submitted, or past its deadline). */
  participated: number;
  /** People with at least one passed attempt. */
  passed: number;
  participationRate: number;
  /** 知晓率 = passed ÷ people (PRODUCT.md); the goal is 1. */
  awarenessRate: number;
  /** Mean of the participants' best scores; null when nobody took part. */
  avgScore: number | null;
  /** Same people, same rules, seven days before `asOf` (completions and attempts timed before then). */
  awarenessRateWeekAgo: number;
  /** awarenessRate − awarenessRateWeekAgo (fraction points). */
  awarenessChange: number;
  /** Completed at least one published required course. */
  courseCompleted: number | null;
  courseCompletionRate: number | null;
  /** People whose enrolment year has a 致新生一封信. */
  letterPeople: number | null;
  letterConfirmed: number | null;
  letterConfirmationRate: number | null;
  /** Reported the 国家反诈中心 APP as installed. */
  appInstalled: number | null;
  appInstallRate: number | null;
  /** 课前3分钟 deliveries to the group's classes, in all and in the seven days up to `asOf`. */
  promptDeliveries: number | null;
  promptDeliveriesWeek: number | null;
  /** Classes of the group that heard at least one prompt in the seven days up to `asOf`. */
  classesPromptedWeek: number | null;
  /** 宣传覆盖面: reached by a course completed, the letter confirmed, an exam taken, or a prompt to their class. */
  reached: number;
  coverageRate: number;
  coverageRateWeekAgo: number;
  coverageChange: number;
}

export interface AwarenessRow extends AwarenessFigures {
  id: number;
  name: string;
  /** Class rows: the class's college and enrolment year. */
  collegeId?: number;
  collegeName?: string;
  enrollmentYear?: number | null;
}

export interface AwarenessTotal extends AwarenessFigures {
  id: null;
  name: string;
}

export interface CountedExam {
  id: number;
  title: string;
}

/** Which optional channels the installation has (a feature not built yet reads as null above). */
export interface StatsChannels {
  course: boolean;
  letter: boolean;
  app: boolean;
  prompt: boolean;
}

export interface AwarenessReport {
  rows: AwarenessRow[];
  total: AwarenessTotal;
  groupBy: StatsGroupBy;
  /** The moment the figures describe (now, or a report's cut-off). */
  asOf: string;
  /** asOf − 7 days: the "week ago" of the week-over-week change. */
  weekAgo: string;
  exams: CountedExam[];
  channels: StatsChannels;
}

/** GET /api/stats/not-passed and /not-reached */
export interface StatsPeopleQuery extends StatsFilter, PageQuery {
  classId?: number;
}

export interface NotPassedPerson {
  userId: number;
  username: string;
  name: string;
  className: string;
  collegeName: string;
  enrollmentYear: number | null;
  phone: string | null;
  /** The class's 辅导员 and their phone, when the class has one. */
  adviserName: string | null;
  adviserPhone: string | null;
  /** Attempts at the counted exams, the one in progress included. */
  attemptsUsed: number;
  /** Best score of a finished attempt; null when none. */
  bestScore: number | null;
}

/** A person no channel has reached yet (see AwarenessFigures.reached). */
export interface NotReachedPerson {
  userId: number;
  username: string;
  name: string;
  className: string;
  collegeName: string;
  enrollmentYear: number | null;
  phone: string | null;
  adviserName: string | null;
  adviserPhone: string | null;
}

/** GET /api/stats/items: a college admin's analysis covers their own college's attempts. */
export interface ItemStatisticsQuery {
  examId: number;
  collegeId?: number;
}

/** GET /api/stats/items?examId= — one row per question, computed as Moodle does. */
export interface ItemStatisticsRow {
  questionId: number;
  attempts: number;
  facility: number | null;
  sd: number | null;
  discriminationIndex: number | null;
  /** The question as it reads now in the bank. */
  stem: string;
  type: QuestionType;
  fraudType: FraudType;
  maxMark: number;
}

/** Weak spots: how often the answers of one fraud type were right. */
export interface FraudTypeRate {
  fraudType: FraudType;
  answered: number;
  correct: number;
  /** correct ÷ answered; null when nothing was answered. */
  rate: number | null;
}

/** GET /api/stats/fraud-types: school-wide (or the scoped college) and per college. */
export interface FraudTypeReport {
  total: FraudTypeRate[];
  colleges: Array<{ id: number; name: string; rates: FraudTypeRate[] }>;
}

/** GET /api/stats/trend?weeks= — one point per weekly cut-off (Friday 08:00), the last one now. */
export interface TrendQuery extends StatsFilter {
  weeks?: number;
}

export interface TrendPoint {
  /** The cut-off's date (Asia/Shanghai), or today for the live point. */
  label: string;
  asOf: string;
  people: number;
  participationRate: number;
  awarenessRate: number;
  coverageRate: number;
}

export type WeeklyReportKind = 'weekly' | 'manual';

export interface RankedGroup {
  rank: number;
  id: number;
  name: string;
  collegeName?: string;
  people: number;
  awarenessRate: number;
  coverageRate: number;
  awarenessChange: number;
  avgScore: number | null;
}

export interface WeeklyRanking {
  /** The rule in words, frozen with the report. */
  rule: string;
  colleges: RankedGroup[];
  classes: RankedGroup[];
}

/** What a report froze: nothing in it changes after it was generated. */
export interface WeeklyReportContent {
  exams: CountedExam[];
  channels: StatsChannels;
  total: AwarenessTotal;
  colleges: AwarenessRow[];
  classes: AwarenessRow[];
  fraudTypes: FraudTypeRate[];
  ranking: WeeklyRanking;
}

export interface WeeklyReportSummary {
  id: number;
  kind: WeeklyReportKind;
  title: string;
  /** The Friday (Asia/Shanghai, YYYY-MM-DD) whose 08:00 closes the reported week. */
  weekOf: string;
  periodStart: string;
  asOf: string;
  generatedAt: string;
  generatedByName: string | null;
  people: number;
  awarenessRate: number;
  awarenessChange: number;
  coverageRate: number;
}

export interface WeeklyReportDto extends WeeklyReportSummary {
  content: WeeklyReportContent;
}

export type WeeklyReportListQuery = PageQuery;
