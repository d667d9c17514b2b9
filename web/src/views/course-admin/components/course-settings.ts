export interface CourseSettings {
  title: string;
  description: string;
  required: boolean;
  deadline: Date | null;
  collegeIds: number[];
  enrollmentYears: number[];
  /** Optional end-of-course quiz (an exam) to pass after the lessons. */
  quizExamId: number | null;
}
