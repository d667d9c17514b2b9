import type {
  CourseDetailDto,
  LessonDto,
  LessonProgressDto,
  LessonProgressInput,
  LetterConfirmResult,
  MyCourseDto,
  MyLetterDto,
} from '@campus/shared';
import { http } from './http';

export function listMyCourses(): Promise<MyCourseDto[]> {
  return http.get<MyCourseDto[]>('/my/courses');
}

export function getCourse(id: number, signal?: AbortSignal): Promise<CourseDetailDto> {
  return http.get<CourseDetailDto>(`/courses/${id}`, { signal });
}

/** The lesson's content and the caller's progress; a video's address is signed and short-lived. */
export function getLesson(id: number, signal?: AbortSignal): Promise<LessonDto> {
  return http.get<LessonDto>(`/lessons/${id}`, { signal });
}

/** Values only move forward on the server, so a repeated or late report does no harm. */
export function saveLessonProgress(
  id: number,
  body: LessonProgressInput,
  options: { keepalive?: boolean } = {},
): Promise<LessonProgressDto> {
  return http.post<LessonProgressDto>(`/lessons/${id}/progress`, body, options);
}

/** 404 (ApiError) when no letter is addressed to the caller. */
export function getMyLetter(): Promise<MyLetterDto> {
  return http.get<MyLetterDto>('/my/letter');
}

/** Confirming again answers the first time. */
export function confirmMyLetter(): Promise<LetterConfirmResult> {
  return http.post<LetterConfirmResult>('/my/letter/confirm');
}
