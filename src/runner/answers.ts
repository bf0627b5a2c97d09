/** Answers to NEEDINFO questions taken from a scenario (or a recording): never from a keyboard. */
import type { AnswerReply, AskedQuestion } from '../engine/run-session.js';

import { closestNames } from '../names.js';
import type { AnswerBook } from '../scenario/parse.js';
import type { Answer } from '../scenario/schema.js';

export type { AnswerBook };

/** The environment variable that holds the secret answer to a question key, by convention. */
export const secretVariable = (key: string): string => `SPS_TUI_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

function resolve(answer: Answer, question: AskedQuestion): AnswerReply {
  if (typeof answer === 'string') return { value: answer };
  const value = process.env[answer.env];
  return value === undefined ? { unanswered: `no answer for ${question.key}: set ${answer.env} in the environment` } : { value };
}

export const unanswered = (question: AskedQuestion): AnswerReply => ({
  unanswered: `unanswered question ${question.key}: ${question.prompt}`,
});

/** A single answer serves every ask of its key; a list answers repeated asks in order. */
export function answerFromBook(book: AnswerBook, question: AskedQuestion): AnswerReply | undefined {
  const answer = book[question.key];
  if (answer === undefined) return undefined;
  const chosen = Array.isArray(answer) ? answer[question.askedBefore] : answer;
  return chosen === undefined ? undefined : resolve(chosen, question);
}

export const bookAnswers =
  (book: AnswerBook) =>
  (question: AskedQuestion): AnswerReply =>
    answerFromBook(book, question) ?? unanswered(question);

/**
 * Answers no question of the session asked for, each with the asked key it is nearest to: a
 * misspelt key (`tikcet`) otherwise reads as the plugin not taking the answer.
 */
export function unusedAnswers(book: AnswerBook, asked: readonly string[], where: (key: string) => string): string[] {
  return Object.keys(book)
    .filter((key) => !asked.includes(key))
    .map((key) => {
      const near = closestNames(key, asked)[0];
      return `${where(key)}: answers.${key}: no question asked for ${key}${near ? ` (did you mean ${near}?)` : ''}`;
    });
}
