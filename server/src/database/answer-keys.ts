import { answerCodec, type QuestionType } from '@campus/shared';

/** A question version as stored: its type and its answer as the JSON of simple-json. */
export interface StoredVersionAnswer {
  id: number;
  type: QuestionType;
  answer: string;
}

/**
 * The answer key of each version (AnswerCodec.key), for attempt questions written before the key
 * was stored with them. The same rule the attempt's start uses, so old and new rows agree.
 */
export function answerKeysOf(versions: readonly StoredVersionAnswer[]): Array<{ versionId: number; key: string }> {
  return versions.map((v) => ({ versionId: v.id, key: answerCodec(v.type).key(JSON.parse(v.answer) as string[]) }));
}
