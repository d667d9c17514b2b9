import { BadRequestException } from '@nestjs/common';
import { decodeKeys, encodeKeys } from '@campus/shared';

/** Keys as stored: sorted, joined ("AC"); null for no answer (the same for every question type). */
export const encodeAnswer = encodeKeys;
export const decodeAnswer = decodeKeys;

/** 400 naming the answer field, with the codec's Chinese reason. */
export function invalidAnswer(message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field: 'answer', message }] });
}
