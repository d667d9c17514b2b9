import type { TemplateCardEntry } from '@/components/template-card';

/** The file formats the question import reads, each with what is taken from it. */
export const QUESTION_IMPORT_FORMATS: TemplateCardEntry[] = [
  {
    term: 'Excel 模板（.xlsx）',
    note: '平台自己的模板：题型、题干、选项A–F、答案、解析、诈骗类型、难度、标签。推荐使用。',
  },
  {
    term: 'Moodle XML（.xml）',
    note: '从 Moodle 题库导出的文件；诈骗类型和难度按平台导出时写入的标签识别，缺少时记为“其他”、难度 3。',
  },
  {
    term: 'GIFT（.gift / .txt）',
    note: 'Moodle 的文本格式；单选、多选、判断题可导入，总体反馈（####）或正确项的反馈作为解析。诈骗类型记为“其他”、难度 3，导入后可逐题修改。',
  },
  {
    term: 'Aiken（.txt）',
    note: '每题题干、A. B. … 选项和一行 ANSWER: X 的单选题文本。诈骗类型记为“其他”、难度 3，导入后可逐题修改。',
  },
];
