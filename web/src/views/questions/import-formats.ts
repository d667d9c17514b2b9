import type { TemplateCardEntry } from '@/components/template-card';

/** The file formats the question import reads, each with what is taken from it. */
export const QUESTION_IMPORT_FORMATS: TemplateCardEntry[] = [
  {
    term: 'Excel 模板（.xlsx）',
    note: '平台自己的模板：题型、题干、选项A–H、答案、解析、诈骗类型、难度、标签、互斥组。推荐使用。',
  },
  {
    term: 'Moodle XML（.xml）',
    note: '从 Moodle 题库导出的文件；诈骗类型、难度和互斥组按平台导出时写入的标签（fraudType:、difficulty:、group:）识别，诈骗类型也可来自类别名；缺少时记为“其他”、难度 3。',
  },
  {
    term: 'GIFT（.gift / .txt）',
    note: 'Moodle 的文本格式；单选、多选、判断题可导入，总体反馈（####）或正确项的反馈作为解析。诈骗类型、难度和互斥组取自 $CATEGORY 类别名和 [tag:fraudType:…]、[tag:difficulty:…]、[tag:group:…] 标签（平台导出的 GIFT 都带有），缺少时记为“其他”、难度 3。',
  },
  {
    term: 'Aiken（.txt）',
    note: '每题题干、A. B. … 选项和一行 ANSWER: X 的单选题文本。诈骗类型记为“其他”、难度 3，导入后可逐题修改。',
  },
];
