/** Answers to NEEDINFO questions taken from a scenario (or a recording): never from a keyboard. */
import type { AnswerReply, AskedQuestion } from '../engine/run-session.js';

export type AnswerBook = Record<string, string | string[]>;

export const unanswered = (question: AskedQuestion): AnswerReply => ({
  unanswered: `unanswered question ${question.key}: ${question.prompt}`,
});

/** A single answer serves every ask of its key; a list answers repeated asks in order. */
export function answerFromBook(book: AnswerBook, question: AskedQuestion): AnswerReply | undefined {
  const answer = book[question.key];
  if (answer === undefined) return undefined;
  if (!Array.isArray(answer)) return { value: answer };
  const value = answer[question.askedBefore];
  return value === undefined ? undefined : { value };
}

export const bookAnswers =
  (book: AnswerBook) =>
  (question: AskedQuestion): AnswerReply =>
    answerFromBook(book, question) ?? unanswered(question);
