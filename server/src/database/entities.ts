import { College } from '../modules/org/college.entity';
import { Department } from '../modules/org/department.entity';
import { SchoolClass } from '../modules/org/school-class.entity';
import { TeachingAssignment } from '../modules/users/teaching-assignment.entity';
import { User } from '../modules/users/user.entity';
import { SsoTicket } from '../modules/auth/sso/sso-ticket.entity';
import { AttemptQuestion } from '../modules/exams/attempt-question.entity';
import { ExamAttempt } from '../modules/exams/exam-attempt.entity';
import { ExamException } from '../modules/exams/exam-exception.entity';
import { Exam } from '../modules/exams/exam.entity';
import { WrongQuestion } from '../modules/exams/wrong-question.entity';
import { QuestionVersion } from '../modules/questions/question-version.entity';
import { Question } from '../modules/questions/question.entity';
import { PromptDelivery } from '../modules/prompts/prompt-delivery.entity';
import { Prompt } from '../modules/prompts/prompt.entity';
import { CourseChapter } from '../modules/courses/course-chapter.entity';
import { CourseCompletion } from '../modules/courses/course-completion.entity';
import { Course } from '../modules/courses/course.entity';
import { LessonProgress } from '../modules/courses/lesson-progress.entity';
import { Lesson } from '../modules/courses/lesson.entity';
import { LetterConfirmation } from '../modules/letters/letter-confirmation.entity';
import { Letter } from '../modules/letters/letter.entity';
import { LetterOpen } from '../modules/letters/letter-open.entity';
import { StoredFile } from '../common/files/stored-file.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { AlertRead } from '../modules/alerts/alert-read.entity';
import { Alert } from '../modules/alerts/alert.entity';
import { AntiFraudAppReport } from '../modules/anti-fraud-app/anti-fraud-app-report.entity';
import { ReportAttachment } from '../modules/reports/report-attachment.entity';
import { ReportComment } from '../modules/reports/report-comment.entity';
import { ReportPeriod } from '../modules/reports/report-period.entity';
import { UnitReport } from '../modules/reports/unit-report.entity';
import { ItemMoment, ItemMomentAttempt } from '../modules/stats/item-moment.entity';
import { WeeklyReport } from '../modules/weekly-report/weekly-report.entity';
import { SchoolSettings } from '../modules/school/school-settings.entity';
import { NotifyChannel } from '../modules/notify/notify-channel.entity';
import { NotifyOutbox } from '../modules/notify/notify-outbox.entity';
import { PromptQuickQuestion } from '../modules/quick-quiz/prompt-quick-question.entity';
import { QuizResponse } from '../modules/quick-quiz/quiz-response.entity';
import { QuizRound } from '../modules/quick-quiz/quiz-round.entity';
import { AppSetting } from './app-setting.entity';

/** Every entity of the platform; the data source, the migration generator and tests use this list. */
export const ENTITIES = [
  AppSetting,
  College,
  Department,
  SchoolClass,
  User,
  SsoTicket,
  TeachingAssignment,
  Question,
  QuestionVersion,
  Exam,
  ExamAttempt,
  ExamException,
  AttemptQuestion,
  WrongQuestion,
  Prompt,
  PromptDelivery,
  Course,
  CourseChapter,
  Lesson,
  LessonProgress,
  CourseCompletion,
  Letter,
  LetterConfirmation,
  LetterOpen,
  StoredFile,
  AuditLog,
  Alert,
  AlertRead,
  AntiFraudAppReport,
  ReportPeriod,
  UnitReport,
  ReportAttachment,
  ReportComment,
  WeeklyReport,
  ItemMoment,
  ItemMomentAttempt,
  SchoolSettings,
  NotifyChannel,
  NotifyOutbox,
  PromptQuickQuestion,
  QuizRound,
  QuizResponse,
];
