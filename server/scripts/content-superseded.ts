/**
 * Writes src/database/seeds/content/superseded.json: the fingerprint of every question and prompt that
 * an earlier commit shipped and the current files no longer do, read from the git history of the
 * two files. Run it after changing questions.json or prompts.json, before committing:
 *   pnpm --filter ./server content:superseded
 * Entries already in the file are kept (history may be shallow where it runs).
 */
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  promptFingerprint,
  questionFingerprint,
  supersededPromptEntry,
  supersededQuestionEntry,
  type PromptContent,
  type QuestionContent,
  type SupersededPrompt,
  type SupersededQuestion,
} from '../src/database/seeds/shipped-content';

const CONTENT = join(__dirname, '../src/database/seeds/content');
const OUT = join(CONTENT, 'superseded.json');

function git(args: string[], cwd = CONTENT): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every committed version of a content file, oldest first. */
function versions<T>(file: string): T[][] {
  const root = git(['rev-parse', '--show-toplevel']).trim();
  const path = join(CONTENT, file).slice(root.length + 1);
  const commits = git(['log', '--format=%H', '--reverse', '--', path], root).split('\n').filter(Boolean);
  return commits.flatMap((commit) => {
    try {
      return [JSON.parse(git(['show', `${commit}:${path}`], root)) as T[]];
    } catch {
      return []; // a commit where the file was deleted or not JSON
    }
  });
}

function main(): void {
  const previous = JSON.parse(readFileSync(OUT, 'utf8')) as {
    questions: SupersededQuestion[];
    prompts: SupersededPrompt[];
  };
  const currentQuestions = new Set(
    (JSON.parse(readFileSync(join(CONTENT, 'questions.json'), 'utf8')) as QuestionContent[]).map(questionFingerprint),
  );
  const currentPrompts = new Set(
    (JSON.parse(readFileSync(join(CONTENT, 'prompts.json'), 'utf8')) as PromptContent[]).map(promptFingerprint),
  );
  const questions = new Map(previous.questions.map((q) => [q.fingerprint, q]));
  for (const q of versions<QuestionContent>('questions.json').flat()) {
    const entry = supersededQuestionEntry(q);
    questions.set(entry.fingerprint, entry);
  }
  const prompts = new Map(previous.prompts.map((p) => [p.fingerprint, p]));
  for (const p of versions<PromptContent>('prompts.json').flat()) {
    const entry = supersededPromptEntry(p);
    prompts.set(entry.fingerprint, entry);
  }
  const out = {
    questions: [...questions.values()].filter((q) => !currentQuestions.has(q.fingerprint)),
    prompts: [...prompts.values()].filter((p) => !currentPrompts.has(p.fingerprint)),
  };
  writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`superseded.json: ${out.questions.length} questions, ${out.prompts.length} prompts`);
}

main();
