/**
 * A database seeded by an earlier release holds that release's shipped questions and prompts, and
 * (after 载入内置题库 / 载入内置提示) the new ones beside them. The upgrade replaces the old shipped
 * rows it finds unedited, keeps what history points at, and never touches a college's own content.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  COMPOSITE_SOURCE_LABEL,
  FraudType,
  stemKey,
  type ExamDto,
  type PromptInput,
  type PromptSeedResult,
  type QuestionDraft,
  type QuestionDto,
  type SeedResult,
} from '@campus/shared';
import type { EntityManager } from 'typeorm';
import shippedPrompts from '../src/database/seeds/content/prompts.json';
import shippedQuestions from '../src/database/seeds/content/questions.json';
import { SeedService } from '../src/database/seeds/seed.service';
import {
  promptContentOf,
  promptFingerprint,
  questionFingerprint,
  SUPERSEDED_PROMPTS,
  SUPERSEDED_QUESTIONS,
} from '../src/database/seeds/shipped-content';
import { Sql } from '../src/database/sql';
import { AttemptQuestion } from '../src/modules/exams/attempt-question.entity';
import { WrongQuestion } from '../src/modules/exams/wrong-question.entity';
import { PromptDelivery } from '../src/modules/prompts/prompt-delivery.entity';
import { Prompt } from '../src/modules/prompts/prompt.entity';
import { normalisePrompt, PromptsService } from '../src/modules/prompts/prompts.service';
import { QuestionVersion } from '../src/modules/questions/question-version.entity';
import { Question } from '../src/modules/questions/question.entity';
import { QuestionsService } from '../src/modules/questions/questions.service';
import { createQuestion, examInput, singleQuestion } from './factories/exam.factory';
import { createPrompt, promptInput, promptSchool, type PromptSchool } from './factories/prompt.factory';
import { TestApp } from './harness';

interface OldRelease {
  questions: QuestionDraft[];
  prompts: PromptInput[];
  promptsRevised: PromptInput[];
}

const old = JSON.parse(readFileSync(join(__dirname, 'fixtures/shipped-2026-11.json'), 'utf8')) as OldRelease;
const currentQuestions = shippedQuestions as QuestionDraft[];
const currentPrompts = shippedPrompts as PromptInput[];

/** As the 2026-12 migration left the first library: composite, no 讲解要点, no 互动提问. */
function asMigrated(p: PromptInput): PromptInput {
  return {
    ...p,
    sourceKind: 'composite',
    source: COMPOSITE_SOURCE_LABEL,
    sourceIssuer: '',
    sourceDate: null,
    teachingPoints: p.teachingPoints ?? [],
    discussion: p.discussion ?? null,
  };
}

describe('upgrading the shipped content of a database seeded by an earlier release', () => {
  let t: TestApp;
  let s: PromptSchool;
  let byStem: (stem: string) => Promise<Question | null>;
  let byTitle: (title: string) => Promise<Prompt | null>;
  // Rows of the old release that the college's history points at, and the college's own content.
  let attempted: Question; // an old question in an attempt; its stem was rewritten by the new bank
  let inWrongBook: Question;
  let inFixedPaper: Question;
  let unused: Question;
  let editedByCollege: QuestionDto;
  let collegeQuestion: QuestionDto;
  let deliveredSameTitle: Prompt; // the new library reuses its title
  let deliveredOther: Prompt;
  let undelivered: Prompt;
  let editedPrompt: Prompt;
  let collegePromptId: number;
  let exam: ExamDto;

  beforeAll(async () => {
    t = await TestApp.start();
    s = await promptSchool(t);
    const questions = t.get(QuestionsService);
    const prompts = t.get(PromptsService);
    const sql = t.get(Sql);
    byStem = (stem) => t.dataSource.getRepository(Question).findOne({ where: { stemKey: stemKey(stem) } });
    byTitle = (title) => t.dataSource.getRepository(Prompt).findOne({ where: { title } });

    // November: the first release seeds an empty database.
    await sql.transaction((m: EntityManager) => questions.insert(m, old.questions));
    await sql.transaction((m: EntityManager) => prompts.insert(m, old.prompts.map(asMigrated).map(normalisePrompt)));
    // December, before this release: 载入内置题库 / 载入内置提示 added what was new by stem or title.
    const stems = new Set(old.questions.map((q) => `${q.type}|${stemKey(q.stem)}`));
    const december = currentPrompts.map((p) => old.promptsRevised.find((r) => r.title === p.title) ?? p);
    const titles = new Set(old.prompts.map((p) => p.title));
    await sql.transaction((m: EntityManager) =>
      questions.insert(
        m,
        currentQuestions.filter((q) => !stems.has(`${q.type}|${stemKey(q.stem)}`)),
      ),
    );
    await sql.transaction((m: EntityManager) =>
      prompts.insert(m, december.filter((p) => !titles.has(p.title)).map(normalisePrompt)),
    );

    // History that points at old rows.
    const rewritten = old.questions.find((q) =>
      currentQuestions.some((c) => c.type === q.type && stemKey(c.stem) === stemKey(q.stem)),
    )!;
    attempted = (await byStem(rewritten.stem))!;
    await t.dataSource.getRepository(AttemptQuestion).insert({
      attemptId: 990001,
      questionId: attempted.id,
      questionVersionId: attempted.currentVersionId!,
      position: 0,
      optionOrder: 'ABCD',
      score: 5,
      answerKey: 'A',
      answer: 'A',
      savedAt: new Date(),
    });
    const onlyOld = old.questions.filter(
      (q) => !currentQuestions.some((c) => c.type === q.type && stemKey(c.stem) === stemKey(q.stem)),
    );
    inWrongBook = (await byStem(onlyOld[0]!.stem))!;
    await t.dataSource.getRepository(WrongQuestion).insert({
      userId: s.teacherId,
      questionId: inWrongBook.id,
      lastAnswer: 'B',
      lastWrongAt: new Date(),
      masteredAt: null,
    });
    inFixedPaper = (await byStem(onlyOld[1]!.stem))!;
    const created = await t.request<ExamDto>('POST', '/api/exams', {
      token: s.admin,
      body: examInput({ paper: { questionIds: [inFixedPaper.id] } }),
    });
    expect(created.status).toBe(201);
    exam = created.body;
    unused = (await byStem(onlyOld[2]!.stem))!;

    // The college edited one shipped question and wrote one of its own.
    const toEdit = (await byStem(onlyOld[3]!.stem))!;
    const edited = await t.request<QuestionDto>('PUT', `/api/questions/${toEdit.id}`, {
      token: s.admin,
      body: { ...onlyOld[3]!, analysis: `${onlyOld[3]!.analysis}（本校补充：遇到可疑情况先问辅导员。）` },
    });
    expect(edited.status).toBe(200);
    editedByCollege = edited.body;
    collegeQuestion = await createQuestion(
      t,
      s.admin,
      singleQuestion({ stem: '本校自编：新生群里有人收“教材费”，应当：' }),
    );

    // Prompts: two old ones were given in class, one of them under a title the new library reuses.
    const sharedTitle = old.prompts.find((p) => currentPrompts.some((c) => c.title === p.title))!.title;
    deliveredSameTitle = (await byTitle(sharedTitle))!;
    deliveredOther = (await byTitle(old.prompts.find((p) => !currentPrompts.some((c) => c.title === p.title))!.title))!;
    const res = await t.request('POST', `/api/prompts/${deliveredSameTitle.id}/deliveries`, {
      token: s.teacher,
      body: { classId: s.jia1 },
    });
    expect(res.status).toBe(201);
    // One talk per class and lesson: the other was given last week.
    await t.dataSource.getRepository(PromptDelivery).insert({
      promptId: deliveredOther.id,
      classId: s.jia1,
      teacherId: s.teacherId,
      deliveredAt: new Date(Date.now() - 7 * 24 * 3600_000),
    });
    undelivered = (await byTitle(old.promptsRevised[0]!.title))!;
    const toRewrite = old.prompts.filter((p) => !currentPrompts.some((c) => c.title === p.title)).at(-1)!;
    const promptToEdit = (await byTitle(toRewrite.title))!;
    const editedRes = await t.request('PUT', `/api/prompts/${promptToEdit.id}`, {
      token: s.admin,
      body: { ...asMigrated(toRewrite), takeaway: '本校改写：有疑问先打保卫处电话。' },
    });
    expect(editedRes.status).toBe(200);
    editedPrompt = (await byTitle(promptToEdit.title))!;
    collegePromptId = (await createPrompt(t, s.admin, promptInput(FraudType.Other, { title: '本校自编：宿舍推销' })))
      .id;
  });
  afterAll(() => t.close());

  it('starts from the state of the issue: old shipped rows beside the new ones', async () => {
    const active = await t.dataSource.getRepository(Prompt).count({ where: { status: 'active' } });
    expect(active).toBe(old.prompts.length + currentPrompts.length - 4 + 1);
    expect(await t.dataSource.getRepository(Question).count()).toBe(
      old.questions.length + currentQuestions.length - 2 + 1,
    );
  });

  it('replaces them at start-up: exactly the new bank and library are active, beside the college’s own', async () => {
    await t.get(SeedService).seedEmpty(new Date(), { demo: false, content: true });

    const questions = await t.dataSource.getRepository(Question).find({ where: { status: 'active' } });
    const shipped = new Set(currentQuestions.map(questionFingerprint));
    const activeShipped = questions.filter((q) => shipped.has(questionFingerprint(q)));
    expect(activeShipped.length).toBe(currentQuestions.length);
    expect(questions.map((q) => q.id).sort((a, b) => a - b)).toEqual(
      [...activeShipped.map((q) => q.id), editedByCollege.id, collegeQuestion.id].sort((a, b) => a - b),
    );
    const keys = questions.map((q) => `${q.type}|${q.stemKey}`);
    expect(new Set(keys).size).toBe(keys.length);

    const prompts = await t.dataSource.getRepository(Prompt).find({ where: { status: 'active' } });
    const library = new Set(currentPrompts.map(promptFingerprint));
    const activeLibrary = prompts.filter((p) => library.has(promptFingerprint(promptContentOf(p))));
    expect(activeLibrary.length).toBe(currentPrompts.length);
    expect(prompts.map((p) => p.id).sort((a, b) => a - b)).toEqual(
      [...activeLibrary.map((p) => p.id), editedPrompt.id, collegePromptId].sort((a, b) => a - b),
    );
    const allTitles = (await t.dataSource.getRepository(Prompt).find()).map((p) => p.title);
    expect(new Set(allTitles).size).toBe(allTitles.length);
  });

  it('keeps old questions that attempts, the 错题本 or a fixed paper use, retired, and removes the rest', async () => {
    const repo = t.dataSource.getRepository(Question);
    expect((await repo.findOneByOrFail({ id: inWrongBook.id })).status).toBe('retired');
    expect((await repo.findOneByOrFail({ id: inFixedPaper.id })).status).toBe('retired');
    expect(await repo.findOneBy({ id: unused.id })).toBeNull();
    expect(await t.dataSource.getRepository(QuestionVersion).countBy({ questionId: unused.id })).toBe(0);
    const paper = await t.request<ExamDto>('GET', `/api/exams/${exam.id}`, { token: s.admin });
    expect(paper.body.paper).toEqual(expect.objectContaining({ questionIds: [inFixedPaper.id] }));
    // Only the old questions history points at are left of the old release.
    const leftOver = (await repo.find()).filter((q) =>
      SUPERSEDED_QUESTIONS.some((x) => x.fingerprint === questionFingerprint(q)),
    );
    expect(leftOver.map((q) => q.id).sort((a, b) => a - b)).toEqual(
      [inWrongBook.id, inFixedPaper.id].sort((a, b) => a - b),
    );
  });

  it('gives a rewritten stem that an attempt used the new text as its next version; the attempt keeps what it showed', async () => {
    const row = await t.dataSource.getRepository(Question).findOneByOrFail({ id: attempted.id });
    const next = currentQuestions.find((q) => q.type === row.type && stemKey(q.stem) === row.stemKey)!;
    expect(row).toEqual(expect.objectContaining({ status: 'active', version: 2, analysis: next.analysis }));
    expect(row.answer).toEqual(next.answer);
    const shown = await t.dataSource.getRepository(AttemptQuestion).findOneByOrFail({ attemptId: 990001 });
    const version = await t.dataSource.getRepository(QuestionVersion).findOneByOrFail({ id: shown.questionVersionId });
    expect(version.version).toBe(1);
    expect(questionFingerprint(version)).toBe(
      questionFingerprint(old.questions.find((q) => stemKey(q.stem) === row.stemKey)!),
    );
  });

  it('retires delivered old prompts with their deliveries intact, renaming one whose title the new library reuses', async () => {
    const repo = t.dataSource.getRepository(Prompt);
    const same = await repo.findOneByOrFail({ id: deliveredSameTitle.id });
    expect(same).toEqual(expect.objectContaining({ status: 'retired', title: `${deliveredSameTitle.title}（旧版）` }));
    expect(same.story).toBe(deliveredSameTitle.story);
    expect((await repo.findOneByOrFail({ id: deliveredOther.id })).status).toBe('retired');
    expect(await t.dataSource.getRepository(PromptDelivery).count()).toBe(2);
    expect(await repo.findOneBy({ id: undelivered.id })).toBeNull();
    const deliveries = await t.dataSource.getRepository(PromptDelivery).find();
    expect(deliveries.map((d) => d.promptId).sort()).toEqual([deliveredSameTitle.id, deliveredOther.id].sort());
  });

  it('leaves the college’s own and edited content as it was', async () => {
    const edited = await t.request<QuestionDto>('GET', `/api/questions/${editedByCollege.id}`, { token: s.admin });
    expect(edited.body).toEqual(expect.objectContaining({ status: 'active', analysis: editedByCollege.analysis }));
    expect((await t.dataSource.getRepository(Prompt).findOneByOrFail({ id: editedPrompt.id })).takeaway).toBe(
      '本校改写：有疑问先打保卫处电话。',
    );
    expect((await t.dataSource.getRepository(Prompt).findOneByOrFail({ id: collegePromptId })).status).toBe('active');
  });

  it('is idempotent: the buttons and another start change nothing', async () => {
    const before = {
      q: await t.dataSource.getRepository(Question).count(),
      p: await t.dataSource.getRepository(Prompt).count(),
    };
    const q = await t.request<SeedResult>('POST', '/api/questions/seed', { token: s.admin });
    expect(q.body).toEqual({ questions: 0, replaced: 0 });
    const p = await t.request<PromptSeedResult>('POST', '/api/prompts/seed', { token: s.admin });
    expect(p.body).toEqual({ prompts: 0, replaced: 0 });
    await t.get(SeedService).seedEmpty(new Date(), { demo: false, content: true });
    expect(await t.dataSource.getRepository(Question).count()).toBe(before.q);
    expect(await t.dataSource.getRepository(Prompt).count()).toBe(before.p);
  });
});

describe('content/superseded.json', () => {
  it('lists earlier shipped content only, never what ships now', () => {
    const questions = new Set(currentQuestions.map(questionFingerprint));
    const prompts = new Set(currentPrompts.map(promptFingerprint));
    expect(SUPERSEDED_QUESTIONS.filter((q) => questions.has(q.fingerprint))).toEqual([]);
    expect(SUPERSEDED_PROMPTS.filter((p) => prompts.has(p.fingerprint))).toEqual([]);
  });

  it('knows every question and prompt of the earlier releases (the fixture)', () => {
    const questions = new Set(SUPERSEDED_QUESTIONS.map((q) => q.fingerprint));
    const prompts = new Set(SUPERSEDED_PROMPTS.map((p) => p.fingerprint));
    expect(old.questions.filter((q) => !questions.has(questionFingerprint(q))).map((q) => q.stem)).toEqual([]);
    expect(
      [...old.prompts, ...old.promptsRevised].filter((p) => !prompts.has(promptFingerprint(p))).map((p) => p.title),
    ).toEqual([]);
  });
});

describe('a bank without shipped content of an earlier release', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('is left as the college keeps it at start-up, and filled when empty', async () => {
    const admin = await t.adminToken();
    await createQuestion(t, admin, singleQuestion({ stem: '本校自编：只有这一道题。' }));
    await t.get(SeedService).seedEmpty(new Date(), { demo: false, content: true });
    expect(await t.dataSource.getRepository(Question).count()).toBe(1);
    // The prompt library was empty: it is filled.
    expect(await t.dataSource.getRepository(Prompt).count()).toBe(currentPrompts.length);
  });
});
