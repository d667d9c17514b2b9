import { Role } from '@campus/shared';

export interface RoleIntro {
  lead: string;
  tasks: { title: string; text: string }[];
}

/** What each role comes here to do (PRODUCT.md), shown on the home page. */
export const ROLE_INTROS: Record<Role, RoleIntro> = {
  [Role.Student]: {
    lead: '完成下面几件事，学会识别和防范电信网络诈骗。',
    tasks: [
      { title: '入校第一课', text: '学习反电诈课程，了解常见诈骗手法。' },
      { title: '入学第一考', text: '在考试开放时间内完成考试，未通过可按规定重考。' },
      { title: '致新生一封信', text: '阅读并确认学校写给新生的反诈提醒。' },
      { title: '国家反诈中心 APP', text: '安装并注册国家反诈中心 APP，在平台登记。' },
    ],
  },
  [Role.Teacher]: {
    lead: '课前 3 分钟，给学生讲一个反诈提示。',
    tasks: [
      { title: '课前3分钟', text: '选择要上课的班级，获取该班还没讲过的提示，全屏展示并倒计时 3 分钟。' },
      { title: '一键记录', text: '讲完后一键登记，学校据此统计各班的宣传覆盖情况。' },
    ],
  },
  [Role.CollegeAdmin]: {
    lead: '管理本学院的人员，跟进本学院的学习与考试进度。',
    tasks: [
      { title: '花名册', text: '导入本学院学生和教师名单，查看账号情况。' },
      { title: '未通过名单', text: '查看尚未通过考试的学生，督促其按时完成。' },
    ],
  },
  [Role.SchoolAdmin]: {
    lead: '全校反诈宣传教育的课程、题库、考试与统计。',
    tasks: [
      { title: '课程与考试', text: '维护课程、题库和入学第一考，查看参考与通过情况。' },
      { title: '统计与通报', text: '查看各学院知晓率与覆盖面，生成每周五通报。' },
    ],
  },
  [Role.Sysadmin]: {
    lead: '账号、角色、人员导入与系统设置。',
    tasks: [
      { title: '人员与账号', text: '导入花名册，管理用户账号与角色。' },
      { title: '系统维护', text: '系统设置与审计日志。' },
    ],
  },
};
