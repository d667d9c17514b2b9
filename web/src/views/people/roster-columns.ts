import { ROSTER_COLUMNS, ROSTER_ROLE_LABELS, type RosterField } from '@campus/shared';
import type { TemplateCardEntry } from '@/components/template-card';

const COLUMN_NOTES: Record<RosterField, string> = {
  username: '必填，全校唯一；学生填学号，教职工填工号',
  name: '必填',
  role: Object.keys(ROSTER_ROLE_LABELS).join(' / '),
  college: '所属二级学院；不存在的学院会自动创建',
  className: '学生必填；不存在的班级会自动创建',
  enrollmentYear: '学生必填，如 2025',
  initialPassword:
    '选填，一般留空：系统生成 10 位随机初始密码，导入后显示一次并可下载；填写时须至少 8 位、含字母和数字、不是常见密码、不含学号/工号',
  phone: '选填',
  teachingClasses: '教师选填；多个班级用“、”“，”“;”分隔',
};

/** The roster template's columns, each with how to fill it in. */
export const ROSTER_COLUMN_NOTES: TemplateCardEntry[] = (Object.keys(ROSTER_COLUMNS) as RosterField[]).map((field) => ({
  term: ROSTER_COLUMNS[field],
  note: COLUMN_NOTES[field],
}));
