import {
  decodeKeys,
  encodeKeys,
  toSchoolIso,
  type QuickQuizQuestionView,
  type QuickQuizReveal,
  type QuickQuizRoundDto,
  type QuickQuizStudentDto,
} from '@campus/shared';
import { isOpen, type ResponseTally, type RoundState } from './round-state';

function questionView(round: RoundState): QuickQuizQuestionView {
  return { type: round.type, stem: round.stem, options: round.options };
}

export function revealOf(round: RoundState, tally: ResponseTally): QuickQuizReveal {
  const key = encodeKeys(round.answer);
  const distribution: Record<string, number> = Object.fromEntries(round.options.map((o) => [o.key, 0]));
  let correct = 0;
  for (const [answer, n] of tally) {
    if (answer === null) continue;
    distribution[answer] = (distribution[answer] ?? 0) + n;
    if (answer === key) correct += n;
  }
  return { answer: round.answer, analysis: round.analysis, distribution, correct };
}

/** The projector: counts while open; the distribution and the right answer only once closed. */
export function mapRound(round: RoundState, tally: ResponseTally, now: Date): QuickQuizRoundDto {
  let joined = 0;
  let answered = 0;
  for (const [answer, n] of tally) {
    joined += n;
    if (answer !== null) answered += n;
  }
  const open = isOpen(round, now);
  return {
    id: round.id,
    promptId: round.promptId,
    promptTitle: round.promptTitle,
    classId: round.classId,
    className: round.className,
    joinCode: round.joinCode,
    question: questionView(round),
    phase: open ? 'open' : 'closed',
    startedAt: toSchoolIso(round.startedAt),
    closesAt: toSchoolIso(round.closesAt),
    serverNow: toSchoolIso(now),
    counts: { classSize: round.classSize, joined, answered },
    reveal: open ? null : revealOf(round, tally),
  };
}

export function mapStudentView(round: RoundState, myAnswer: string | null, now: Date): QuickQuizStudentDto {
  const open = isOpen(round, now);
  return {
    id: round.id,
    promptTitle: round.promptTitle,
    className: round.className,
    question: questionView(round),
    phase: open ? 'open' : 'closed',
    closesAt: toSchoolIso(round.closesAt),
    serverNow: toSchoolIso(now),
    myAnswer: myAnswer === null ? null : decodeKeys(myAnswer),
    reveal: open
      ? null
      : {
          answer: round.answer,
          analysis: round.analysis,
          correct: myAnswer === null ? null : myAnswer === encodeKeys(round.answer),
        },
  };
}
