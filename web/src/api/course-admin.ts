import type {
  ChapterInput,
  CourseDto,
  CourseInput,
  CourseListQuery,
  CourseOrderInput,
  CourseOutlineDto,
  LessonInput,
  LetterDto,
  LetterInput,
  NotDoneQuery,
  NotDoneRow,
  Page,
  ReachQuery,
  ReachReport,
  UploadedImage,
  UploadedVideo,
} from '@campus/shared';
import { http, type DownloadedFile, type UploadOptions } from './http';

export function listCourses(query: CourseListQuery, signal?: AbortSignal): Promise<Page<CourseDto>> {
  return http.get<Page<CourseDto>>('/courses', { query: { ...query }, signal });
}

export function createCourse(input: CourseInput): Promise<CourseDto> {
  return http.post<CourseDto>('/courses', input);
}

export function updateCourse(id: number, input: CourseInput): Promise<CourseDto> {
  return http.put<CourseDto>(`/courses/${id}`, input);
}

export function deleteCourse(id: number): Promise<void> {
  return http.delete<void>(`/courses/${id}`);
}

export function getCourseOutline(id: number, signal?: AbortSignal): Promise<CourseOutlineDto> {
  return http.get<CourseOutlineDto>(`/courses/${id}/outline`, { signal });
}

export function publishCourse(id: number): Promise<CourseDto> {
  return http.post<CourseDto>(`/courses/${id}/publish`);
}

export function unpublishCourse(id: number): Promise<CourseDto> {
  return http.post<CourseDto>(`/courses/${id}/unpublish`);
}

export function reorderCourse(id: number, order: CourseOrderInput): Promise<CourseOutlineDto> {
  return http.put<CourseOutlineDto>(`/courses/${id}/order`, order);
}

export function addChapter(courseId: number, input: ChapterInput): Promise<CourseOutlineDto> {
  return http.post<CourseOutlineDto>(`/courses/${courseId}/chapters`, input);
}

export function renameChapter(id: number, input: ChapterInput): Promise<CourseOutlineDto> {
  return http.put<CourseOutlineDto>(`/chapters/${id}`, input);
}

export function deleteChapter(id: number): Promise<CourseOutlineDto> {
  return http.delete<CourseOutlineDto>(`/chapters/${id}`);
}

export function addLesson(chapterId: number, input: LessonInput): Promise<CourseOutlineDto> {
  return http.post<CourseOutlineDto>(`/chapters/${chapterId}/lessons`, input);
}

export function updateLesson(id: number, input: LessonInput): Promise<CourseOutlineDto> {
  return http.put<CourseOutlineDto>(`/lessons/${id}`, input);
}

export function deleteLesson(id: number): Promise<CourseOutlineDto> {
  return http.delete<CourseOutlineDto>(`/lessons/${id}`);
}

/** MP4 or WebM up to 500 MB; 413 when larger, 422 when the content is not a video. */
export function uploadVideo(file: File, options: UploadOptions = {}): Promise<UploadedVideo> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<UploadedVideo>('/course-media/videos', form, options);
}

export function uploadImage(file: File, options: UploadOptions = {}): Promise<UploadedImage> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<UploadedImage>('/course-media/images', form, options);
}

export function getCourseCompletion(id: number, query: ReachQuery, signal?: AbortSignal): Promise<ReachReport> {
  return http.get<ReachReport>(`/courses/${id}/completion`, { query: { ...query }, signal });
}

export function listNotCompleted(id: number, query: NotDoneQuery, signal?: AbortSignal): Promise<Page<NotDoneRow>> {
  return http.get<Page<NotDoneRow>>(`/courses/${id}/not-completed`, { query: { ...query }, signal });
}

export function exportCourseCompletion(
  id: number,
  query: Omit<NotDoneQuery, 'page' | 'pageSize'>,
): Promise<DownloadedFile> {
  return http.download(`/courses/${id}/completion/export`, `课程完成情况-${id}.xlsx`, { query: { ...query } });
}

export function listLetters(): Promise<LetterDto[]> {
  return http.get<LetterDto[]>('/letters');
}

export function createLetter(input: LetterInput): Promise<LetterDto> {
  return http.post<LetterDto>('/letters', input);
}

export function updateLetter(id: number, input: LetterInput): Promise<LetterDto> {
  return http.put<LetterDto>(`/letters/${id}`, input);
}

export function deleteLetter(id: number): Promise<void> {
  return http.delete<void>(`/letters/${id}`);
}

export function getLetterConfirmation(id: number, query: ReachQuery, signal?: AbortSignal): Promise<ReachReport> {
  return http.get<ReachReport>(`/letters/${id}/confirmation`, { query: { ...query }, signal });
}

export function listUnconfirmed(id: number, query: NotDoneQuery, signal?: AbortSignal): Promise<Page<NotDoneRow>> {
  return http.get<Page<NotDoneRow>>(`/letters/${id}/unconfirmed`, { query: { ...query }, signal });
}

export function exportLetterConfirmation(
  id: number,
  query: Omit<NotDoneQuery, 'page' | 'pageSize'>,
): Promise<DownloadedFile> {
  return http.download(`/letters/${id}/confirmation/export`, `新生信确认情况-${id}.xlsx`, { query: { ...query } });
}
