/** What a finished PDF says of itself (finish.ts, and pdf-lib's rewrite.ts for a PDF it cannot read). */
export interface FinishInfo {
  title: string;
  author?: string | undefined;
  subject?: string | undefined;
  lang: string;
}

export interface Finished {
  bytes: Uint8Array;
  pages: number;
}

export const CREATOR = "Lectern";
export const PRODUCER = "Lectern (Chromium)";
