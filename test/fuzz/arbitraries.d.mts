// Types of arbitraries.mjs (the generators and properties shared by test/fuzz.test.ts and bench/fuzz.mjs).
import type fc from "fast-check";
import type { BuildResult } from "../../src/types.js";

/** What a build takes: text, or bytes to decode. */
export type Input = string | Uint8Array;
/** `buildDeck`, from src/ or from lib/. */
export type BuildDeck = (input: Input, options: { file: string }) => BuildResult;
/** One build: its result, or what it threw; and how long it took (ms). */
export interface Built {
  result?: BuildResult;
  error?: unknown;
  ms: number;
}
/** A broken property. */
export interface Problem {
  kind: "throw" | "slow" | "diagnostic" | "page" | SafetyKind;
  message: string;
}
export type SafetyKind = "script" | "handler" | "url";

export declare const FILE: "fuzz.md";
export declare const BOUND: number;

export declare const markdown: fc.Arbitrary<string>;
export declare const CORPUS_FILES: { name: string; bytes: Uint8Array }[];
export declare const mutated: fc.Arbitrary<Input>;
export declare const randomBytes: fc.Arbitrary<Uint8Array>;
export declare const brokenUtf8: fc.Arbitrary<Uint8Array>;
export declare const links: fc.Arbitrary<string>;

export declare function build(buildDeck: BuildDeck, input: Input): Built;
export declare function coreProblems(built: Built): Problem[];
export declare function countScripts(html: string): number;
export declare function baselineScripts(buildDeck: BuildDeck): number;
export declare function safety(baseline: number): Record<SafetyKind, (html: string) => Problem[]>;
export declare function problemsOf(buildDeck: BuildDeck, baseline: number, input: Input): Problem[];
