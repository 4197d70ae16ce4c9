/**
 * Every data type of Lectern's pipeline, named in one place: the front half (source → parse →
 * outline → plan → render) in `types/pipeline.ts` (a block's parts in `types/block-parts.ts`, a source's in `types/source-parts.ts`),
 * the back half (config → run → fit → output) in `types/run.ts`.
 */
export type * from "./types/block-parts.js";
export type * from "./types/pipeline.js";
export { HANDOUT_LAYOUTS, STAGES } from "./types/pipeline.js";
export type * from "./types/run.js";
export type * from "./types/source-parts.js";
