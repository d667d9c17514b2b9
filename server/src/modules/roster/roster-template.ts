import { ROSTER_COLUMNS } from '@campus/shared';
import { buildXlsx } from '../../common/files/xlsx-export';

/** The downloadable roster template: the header row, examples of each role, and the rules. */
export function buildRosterTemplate(): Promise<Buffer> {
  const header = Object.values(ROSTER_COLUMNS);
  return buildXlsx([
    {
      name: '花名册',
      columns: header.map((h) => ({ header: h, width: h === '授课班级' ? 30 : 16 })),
      rows: [
        ['2025010101', '张三', '学生', '信息工程学院', '计算机2025-1班', 2025, '', '13800000000', ''],
        ['T0101', '李老师', '教师', '信息工程学院', '', '', '', '', '计算机2025-1班、计算机2025-2班'],
        ['XY01', '王老师', '学院管理员', '信息工程学院', '', '', '', '', ''],
      ],
    },
    {
      name: '填写说明',
      columns: [
        { header: '列', width: 14 },
        { header: '说明', width: 90 },
      ],
      rows: [
        [
          '学号/工号',
          '必填，唯一；字母、数字、下划线或连字符，2–32 位。重复导入同一文件不会产生变化，修改后的行会更新该人员。',
        ],
        ['姓名', '必填。'],
        ['身份', '学生 / 教师 / 学院管理员 / 学校管理员。学院管理员只能导入本学院的学生和教师。'],
        ['学院', '学生和学院管理员必填；文件中出现的新学院会自动创建。'],
        ['班级', '学生必填；班级名称全校唯一，新班级会自动创建。'],
        ['入学年份', '学生必填，四位年份，如 2025。'],
        ['初始密码', '选填；不填时初始密码为学号/工号的后 6 位。首次登录必须修改密码。已存在的账号不会被重置密码。'],
        ['手机号', '选填，11 位数字。'],
        ['授课班级', '教师选填，多个班级用 、 ， , 或 ; 分隔。'],
        ['部门', '选填（可自行添加此列），教职工所属部门，如 学生处、保卫处。'],
      ],
    },
  ]);
}
