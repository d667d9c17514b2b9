import { Role, type SchoolSettingsInput } from '@campus/shared';
import type { RosterRow, RosterSheet } from '../../modules/roster/roster-columns';

const COLLEGES = ['信息工程学院', '机电工程学院', '财经商贸学院', '艺术设计学院', '医药卫生学院'];
const MAJORS = ['计算机', '机电', '会计', '视觉传达', '护理'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '子涵浩然雨欣梓轩思远嘉怡俊杰欣怡宇航佳琪明轩诗涵博文雅琳家豪晓彤志强婉婷天宇可馨文杰若曦晨阳梦瑶';

/**
 * The demo school's details (学校信息设置): plainly not a real school, and a number nobody can dial
 * by mistake (no area code starts with 000).
 */
export const DEMO_SCHOOL_SETTINGS: SchoolSettingsInput = {
  name: '示例职业技术学院',
  shortName: '示例职院',
  securityPhone: '000-12345678',
  studentAffairsPhone: '000-12345679',
  paymentChannel: '学校官网“统一缴费平台”（https://pay.example.edu.cn）',
  freshmanGroupNotice:
    '官方新生群的群号只印在录取通知书所附的《新生入学须知》上，并在学校官网“迎新专栏”同步公布，由辅导员实名担任群主',
  website: 'https://www.example.edu.cn',
};

/** The named freshman of the demo: the first student of 信息工程学院's first class of `year`. */
export function demoFreshmanUsername(year: number): string {
  return `${year}010101`;
}

/**
 * Named demo accounts (README), signed in with DEMO_PASSWORD and no forced change; everyone else
 * has DEMO_INITIAL_PASSWORD from the roster's 初始密码 column and must change it at first login.
 */
export function demoAccounts(freshmanYear: number): { username: string; role: Role; label: string }[] {
  return [
    { username: 'xsc01', role: Role.SchoolAdmin, label: '学生处管理员' },
    { username: 'xy01', role: Role.CollegeAdmin, label: '信息工程学院管理员' },
    { username: 'T0001', role: Role.Teacher, label: '教师' },
    { username: demoFreshmanUsername(freshmanYear), role: Role.Student, label: `学生（${freshmanYear} 级新生）` },
  ];
}

/** Both pass the password rule (shared/password-rules.ts) that people's own passwords must meet. */
export const DEMO_PASSWORD = 'Fangpian-Demo-26';
export const DEMO_INITIAL_PASSWORD = 'Xinsheng-Start-26';

function personName(seed: number): string {
  const surname = SURNAMES[seed % SURNAMES.length];
  const pair = Math.floor(seed / SURNAMES.length) % (GIVEN.length / 2);
  return `${surname}${GIVEN.slice(pair * 2, pair * 2 + (seed % 3 === 0 ? 1 : 2))}`;
}

/**
 * A small vocational college: 5 colleges, 15 classes (two classes of this year's freshmen and one
 * of last year's each), 25 students a class, 4 teachers and an admin per college, and the
 * 学生处/保卫处/教务处 staff. It goes through the roster importer like any school's file would.
 * `freshmanYear` is the enrolment year of this academic year's freshmen (freshmanEnrollmentYear).
 */
export function demoRoster(freshmanYear: number): RosterSheet {
  const rows: RosterRow[] = [];
  let rowNumber = 1;
  const add = (cells: RosterRow['cells']) =>
    rows.push({ rowNumber: ++rowNumber, cells: { ...cells, initialPassword: DEMO_INITIAL_PASSWORD } });
  let seed = 7;
  COLLEGES.forEach((college, ci) => {
    const c = String(ci + 1).padStart(2, '0');
    const last = freshmanYear - 1;
    const classes = [
      { name: `${MAJORS[ci]}${freshmanYear}-1班`, year: freshmanYear, no: '01' },
      { name: `${MAJORS[ci]}${freshmanYear}-2班`, year: freshmanYear, no: '02' },
      { name: `${MAJORS[ci]}${last}-1班`, year: last, no: '01' },
    ];
    for (const cls of classes) {
      for (let s = 1; s <= 25; s++) {
        add({
          username: `${cls.year}${c}${cls.no}${String(s).padStart(2, '0')}`,
          name: personName(seed++),
          role: '学生',
          college,
          className: cls.name,
          enrollmentYear: String(cls.year),
        });
      }
    }
    for (let t = 1; t <= 4; t++) {
      const teaching = t <= 2 ? [classes[0]!.name, classes[1]!.name] : [classes[2]!.name, classes[(t + 1) % 2]!.name];
      add({
        username: `T${String(ci * 4 + t).padStart(4, '0')}`,
        name: `${personName(seed++)}老师`,
        role: '教师',
        college,
        teachingClasses: teaching.join('、'),
      });
    }
    add({ username: `xy${c}`, name: `${personName(seed++)}`, role: '学院管理员', college });
  });
  const offices = [
    ['xsc01', '学生处'],
    ['xsc02', '学生处'],
    ['bwc01', '保卫处'],
    ['jwc01', '教务处'],
    ['xcb01', '宣传部'],
  ];
  for (const [username, department] of offices)
    add({ username, name: personName(seed++), role: '学校管理员', department });
  return {
    present: new Set([
      'username',
      'name',
      'role',
      'college',
      'className',
      'enrollmentYear',
      'teachingClasses',
      'department',
      'initialPassword',
    ]),
    rows,
  };
}
