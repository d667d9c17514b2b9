export interface CourseSettings {
  title: string;
  description: string;
  required: boolean;
  deadline: Date | null;
  collegeIds: number[];
  enrollmentYears: number[];
  /** Only students see it; staff of the colleges addressed are neither shown it nor reminded. */
  studentsOnly: boolean;
  /** Optional end-of-course quiz (an exam) to pass after the lessons. */
  quizExamId: number | null;
}
