/**
 * 学校信息设置: the school's own details, kept once and used by the letter to freshmen, the courses
 * and the exports, so shipped text never names a school or a telephone number of its own.
 */

/** Body of PUT /api/school-settings. Optional fields are sent as '' when not set. */
export interface SchoolSettingsInput {
  /** 学校名称, e.g. 示例职业技术学院. */
  name: string;
  /** 学校简称; '' when the school has none (the full name is used instead). */
  shortName: string;
  /** 保卫处 24 小时值班电话. */
  securityPhone: string;
  /** 学生处电话; optional. */
  studentAffairsPhone: string;
  /** 官方缴费渠道: where fees are really paid, e.g. the name and address of the 缴费平台. */
  paymentChannel: string;
  /** 官方新生群说明: how the official freshman group is announced, e.g. only in the 录取通知书. */
  freshmanGroupNotice: string;
  /** 学校官网 (http/https); optional. */
  website: string;
}

/** GET /api/school-settings */
export interface SchoolSettingsDto extends SchoolSettingsInput {
  /** False until someone has saved the settings: the texts then show what is missing. */
  configured: boolean;
  updatedAt: string | null;
}

export const SCHOOL_SETTINGS_LIMITS = {
  name: 60,
  shortName: 20,
  phone: 30,
  paymentChannel: 300,
  freshmanGroupNotice: 300,
  website: 200,
} as const;

/** A telephone number as a school writes it: digits, optionally with area code, '-', spaces, 转 extension. */
export const SCHOOL_PHONE_PATTERN = /^\+?[0-9][0-9 -]{2,20}[0-9](转[0-9]{1,6})?$/;

/**
 * The placeholders a letter, lesson or case may contain, with the setting each stands for. Stored
 * texts keep the placeholders; they are filled in when a text is served or exported, so editing the
 * settings changes every text at once.
 */
export const SCHOOL_PLACEHOLDERS = {
  学校名称: 'name',
  学校简称: 'shortName',
  保卫处电话: 'securityPhone',
  学生处电话: 'studentAffairsPhone',
  缴费渠道: 'paymentChannel',
  新生群说明: 'freshmanGroupNotice',
  学校官网: 'website',
} as const satisfies Record<string, keyof SchoolSettingsInput>;

export type SchoolPlaceholder = keyof typeof SCHOOL_PLACEHOLDERS;

export const SCHOOL_FIELD_LABELS: Record<keyof SchoolSettingsInput, string> = {
  name: '学校名称',
  shortName: '学校简称',
  securityPhone: '保卫处 24 小时电话',
  studentAffairsPhone: '学生处电话',
  paymentChannel: '官方缴费渠道',
  freshmanGroupNotice: '官方新生群说明',
  website: '学校官网',
};

const PLACEHOLDER = /\{\{\s*([\u4e00-\u9fa5]{2,6})\s*\}\}/g;

function isPlaceholder(word: string): word is SchoolPlaceholder {
  return Object.prototype.hasOwnProperty.call(SCHOOL_PLACEHOLDERS, word);
}

/**
 * What a placeholder becomes: its value, the full name for an empty 简称, or a visible gap. A value
 * stands inside a sentence ("{{新生群说明}}。"), so its own closing punctuation is dropped.
 */
export function schoolValue(settings: SchoolSettingsInput, placeholder: SchoolPlaceholder): string {
  const field = SCHOOL_PLACEHOLDERS[placeholder];
  const value = withoutClosingPunctuation(settings[field].trim());
  if (value) return value;
  if (field === 'shortName' && settings.name.trim()) return settings.name.trim();
  return `【请在“学校信息设置”中填写${SCHOOL_FIELD_LABELS[field]}】`;
}

const CLOSING_PUNCTUATION = new Set(['。', '；', ';', '，', ',', '.']);

/**
 * The text without the punctuation and white space it ends with. A loop from the end, not
 * `/[。；;，,.\s]+$/u`: an unanchored pattern ending in `+$` retries from every position of a long
 * run that is not at the end, which took seconds on 20,000 characters.
 */
export function withoutClosingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0) {
    const ch = text[end - 1]!;
    if (!CLOSING_PUNCTUATION.has(ch) && ch.trim() !== '') break;
    end -= 1;
  }
  return text.slice(0, end);
}

/**
 * A website address as the settings take it: http(s), a host with at least one dot, then anything
 * without spaces. Host labels cannot contain the dot that separates them, so the pattern cannot
 * backtrack over a long input (`[^\s/?#]+\.[^\s]+$` took seconds on 100,000 characters).
 */
export const WEBSITE_PATTERN = /^https?:\/\/[^\s/?#.]+(?:\.[^\s/?#.]+)+(?:[/?#]\S*)?$/;

export function isWebsiteAddress(text: string): boolean {
  return WEBSITE_PATTERN.test(text);
}

/**
 * Fills the school placeholders of a text. `escape` is applied to each value (HTML-escape for rich
 * text; identity for plain text, which the page escapes itself). Unknown {{…}} are left as written.
 */
export function fillSchoolPlaceholders(
  text: string,
  settings: SchoolSettingsInput,
  escape: (value: string) => string = (v) => v,
): string {
  return text.replace(PLACEHOLDER, (whole, word: string) =>
    isPlaceholder(word) ? escape(schoolValue(settings, word)) : whole,
  );
}

/** The placeholders a text uses, e.g. to list them beside an editor. */
export function schoolPlaceholdersIn(text: string): SchoolPlaceholder[] {
  const found = new Set<SchoolPlaceholder>();
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] && isPlaceholder(match[1])) found.add(match[1]);
  return [...found];
}
