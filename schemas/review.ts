import { z } from 'zod';

/** What a person decided about a goal record: it matches its source, or something is wrong (see its note). */
export const ReviewDecision = z.enum(['accepted', 'flagged']);

/** One goal's decision, as the review page exports it. */
export const GoalReview = z.object({
  /** The goal's key: its id without the 12-hex report prefix (`<table>-<slug>[-n]`), stable when other goals change. */
  key: z.string().min(1),
  decision: ReviewDecision,
  /** What the person wrote (why a goal was flagged); empty when nothing was written. */
  note: z.string(),
  /** When the decision was made (ISO 8601, UTC). */
  time: z.iso.datetime(),
  /**
   * sha256 (hex, first 16 digits) of the goal's cells (label, role and text of each) when it was
   * decided on: a decision is carried to a re-parsed report only while the goal's content is the same.
   */
  content: z.string().regex(/^[0-9a-f]{16}$/),
});

/** The decisions of one review session: the file `<report>.review.json` the review page exports. */
export const ReviewFile = z.object({
  /** sha256 (hex) of the source bytes of the report reviewed: the report's id. */
  reportId: z.string().regex(/^[0-9a-f]{64}$/),
  goals: z.array(GoalReview),
});

/** A review decision. */
export type ReviewDecision = z.infer<typeof ReviewDecision>;
/** One goal's review. */
export type GoalReview = z.infer<typeof GoalReview>;
/** An exported review file. */
export type ReviewFile = z.infer<typeof ReviewFile>;
