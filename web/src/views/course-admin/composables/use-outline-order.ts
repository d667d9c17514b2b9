import { ref } from 'vue';
import type { AdminChapterDto, CourseOrderInput } from '@campus/shared';

export type DragItem = { type: 'chapter'; id: number } | { type: 'lesson'; id: number };

/** The course's order as the API takes it: every chapter, each with all its lessons. */
export function currentOrder(chapters: readonly AdminChapterDto[]): CourseOrderInput {
  return { chapters: chapters.map((c) => ({ id: c.id, lessonIds: c.lessons.map((l) => l.id) })) };
}

function withoutLesson(order: CourseOrderInput, lessonId: number): CourseOrderInput {
  return {
    chapters: order.chapters.map((c) => ({ id: c.id, lessonIds: c.lessonIds.filter((id) => id !== lessonId) })),
  };
}

/** The chapter moved to just before `beforeChapterId`, or to the end. */
export function moveChapter(
  order: CourseOrderInput,
  chapterId: number,
  beforeChapterId: number | null,
): CourseOrderInput {
  const moving = order.chapters.find((c) => c.id === chapterId);
  if (!moving || chapterId === beforeChapterId) return order;
  const rest = order.chapters.filter((c) => c.id !== chapterId);
  const at = beforeChapterId === null ? rest.length : rest.findIndex((c) => c.id === beforeChapterId);
  rest.splice(at < 0 ? rest.length : at, 0, moving);
  return { chapters: rest };
}

/** The lesson moved into `chapterId`, just before `beforeLessonId` or at the end. */
export function moveLesson(
  order: CourseOrderInput,
  lessonId: number,
  chapterId: number,
  beforeLessonId: number | null,
): CourseOrderInput {
  if (lessonId === beforeLessonId) return order;
  const next = withoutLesson(order, lessonId);
  const target = next.chapters.find((c) => c.id === chapterId);
  if (!target) return order;
  const at = beforeLessonId === null ? -1 : target.lessonIds.indexOf(beforeLessonId);
  target.lessonIds.splice(at < 0 ? target.lessonIds.length : at, 0, lessonId);
  return next;
}

/** One step up or down through the course; past a chapter's edge the lesson joins the neighbouring chapter. */
export function stepLesson(order: CourseOrderInput, lessonId: number, step: -1 | 1): CourseOrderInput {
  const ci = order.chapters.findIndex((c) => c.lessonIds.includes(lessonId));
  const chapter = order.chapters[ci];
  if (!chapter) return order;
  const li = chapter.lessonIds.indexOf(lessonId);
  const inside = chapter.lessonIds[li + step];
  if (inside !== undefined)
    return moveLesson(order, lessonId, chapter.id, step === -1 ? inside : (chapter.lessonIds[li + 2] ?? null));
  const neighbour = order.chapters[ci + step];
  if (!neighbour) return order;
  return moveLesson(order, lessonId, neighbour.id, step === 1 ? (neighbour.lessonIds[0] ?? null) : null);
}

export function stepChapter(order: CourseOrderInput, chapterId: number, step: -1 | 1): CourseOrderInput {
  const index = order.chapters.findIndex((c) => c.id === chapterId);
  const target = index + step;
  if (index < 0 || target < 0 || target >= order.chapters.length) return order;
  const before = step === -1 ? order.chapters[target]!.id : (order.chapters[target + 1]?.id ?? null);
  return moveChapter(order, chapterId, before);
}

/** Native HTML5 drag and drop state: what is being dragged and where it would land. */
export function useOutlineDrag(
  onDrop: (
    item: DragItem,
    target: { chapterId: number; beforeLessonId: number | null; beforeChapterId: number | null },
  ) => void,
) {
  const dragging = ref<DragItem | null>(null);
  const over = ref<string | null>(null);

  function start(event: DragEvent, item: DragItem): void {
    dragging.value = item;
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', `${item.type}:${item.id}`);
    }
  }

  function enter(event: DragEvent, key: string): void {
    if (!dragging.value) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    over.value = key;
  }

  function drop(
    event: DragEvent,
    target: { chapterId: number; beforeLessonId: number | null; beforeChapterId: number | null },
  ): void {
    event.preventDefault();
    const item = dragging.value;
    end();
    if (item) onDrop(item, target);
  }

  function end(): void {
    dragging.value = null;
    over.value = null;
  }

  return { dragging, over, start, enter, drop, end };
}
