/** A model's replies to one sample, in question order, apart from the sample's questions. */
import { z } from 'zod';

const reply = z.string().nullable();

/** Replies to one reasoning loop (null where the protocol did not ask). */
export const LoopRepliesSchema = z.object({
  criterion: reply,
  finding: reply,
  grounding: z.array(reply),
  decision: reply,
});

/** Every reply of an answer file: the IDQ and each loop's. */
export const ModelRepliesSchema = z.object({
  idq: reply,
  loops: z.array(LoopRepliesSchema),
});
/** A model's replies to one sample. */
export type ModelReplies = z.infer<typeof ModelRepliesSchema>;
