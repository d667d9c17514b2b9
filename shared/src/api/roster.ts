/** One problem in a roster file, located as Excel shows it (row 1 is the header row). */
export interface RosterRowError {
  row: number;
  column: string;
  message: string;
}

export interface RosterImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: RosterRowError[];
  /** Colleges and classes the file names that do not exist yet and are (or would be) created. */
  newColleges: string[];
  newClasses: string[];
  /**
   * New accounts without a 初始密码 in the file get a random one (readable characters, 10 long).
   * A dry run says how many would; the real import lists them here, once: the server keeps only
   * a digest, so this answer is the one chance to hand them out (or to download them as a table).
   */
  generatedPasswords: number;
  initialPasswords?: InitialPasswordRow[];
}

/** One generated initial password, as the importing admin hands it out. */
export interface InitialPasswordRow {
  username: string;
  name: string;
  password: string;
}

/** POST /api/roster/initial-passwords: the import result's passwords back, for the Excel download. */
export interface InitialPasswordExportRequest {
  accounts: InitialPasswordRow[];
}

/** The header names of a roster file, in template order. */
export const ROSTER_COLUMNS = {
  username: '学号/工号',
  name: '姓名',
  role: '身份',
  college: '学院',
  className: '班级',
  enrollmentYear: '入学年份',
  initialPassword: '初始密码',
  phone: '手机号',
  teachingClasses: '授课班级',
} as const;

export type RosterField = keyof typeof ROSTER_COLUMNS;

/** Labels of the 身份 column and the role each stands for (system administrators are never imported). */
export const ROSTER_ROLE_LABELS = {
  学生: 'student',
  教师: 'teacher',
  学院管理员: 'college_admin',
  学校管理员: 'school_admin',
} as const;
