/**
 * The keys a configuration file (`lectern.config.*`, package.json `lectern`) may hold: each
 * with its kind, the flag it stands for, and its help. The checker (check.ts) and the JSON
 * schema published for editors (`schema/lectern.schema.json`, made by `configSchema`) both
 * read this one table.
 */
import { DIALECTS } from "../../parse/dialects/dialect.js";
import { HANDOUT_LAYOUTS, type HandoutLayout, type Paper } from "../../types.js";

/** What a configuration file sets, after checking (paths absolute, from the file's folder). */
export interface FileConfig {
  paths?: string[];
  out?: string;
  theme?: string;
  pdf?: boolean;
  handouts?: HandoutLayout[];
  paper?: Paper;
  standalone?: boolean;
  pptx?: boolean;
  base?: string;
  title?: string;
  prose?: "lead" | "full";
  fragments?: boolean;
  dialect?: string;
  tab?: string;
  fit?: boolean;
  cache?: boolean;
  jobs?: number;
  browserPath?: string;
  root?: string;
  allowHtml?: boolean;
  keepRepetition?: boolean;
  strict?: boolean;
  host?: string;
  port?: number;
}

export type KeyKind =
  | { type: "boolean" }
  | { type: "string" }
  /** A file or folder, relative to the configuration file's folder. */
  | { type: "path" }
  /** One path or a list of them. */
  | { type: "paths" }
  /** A built-in theme name, or a path to a .css file (relative to the configuration file). */
  | { type: "theme" }
  | { type: "enum"; values: readonly string[] }
  | { type: "list"; values: readonly (string | number)[] }
  | { type: "integer"; min: number; max: number };

export interface KeySpec {
  readonly kind: KeyKind;
  /** The command-line flag that overrides it. */
  readonly flag: string;
  readonly help: string;
}

const bool = { type: "boolean" } as const;
const str = { type: "string" } as const;
const path = { type: "path" } as const;

export const CONFIG_KEYS: { readonly [K in keyof FileConfig]-?: KeySpec } = {
  paths: { kind: { type: "paths" }, flag: "[paths…]", help: "articles or folders to build when the command names none (default: slides)" },
  out: { kind: path, flag: "--out", help: "output folder (default: dist); each deck goes to <out>/<name>/" },
  theme: {
    kind: { type: "theme" },
    flag: "--theme",
    help: "default, dark, or a path to a .css file; an article's front matter `theme:` overrides it",
  },
  pdf: { kind: bool, flag: "--pdf", help: "also print <out>/<name>/<name>.pdf" },
  handouts: { kind: { type: "list", values: HANDOUT_LAYOUTS }, flag: "--handout", help: "handouts beside the PDF: notes, 2, 3, 4, 6" },
  paper: { kind: { type: "enum", values: ["a4", "letter"] }, flag: "--paper", help: "handout paper (default: a4)" },
  standalone: { kind: bool, flag: "--standalone", help: "also write <out>/<name>/<name>.html, one self-contained file" },
  pptx: { kind: bool, flag: "--pptx", help: "also write <out>/<name>/<name>.pptx, an editable PowerPoint file" },
  base: { kind: str, flag: "--base", help: "URL path the output is served from (links of <out>/index.html start with it)" },
  title: { kind: str, flag: "--title", help: "course title of the index page <out>/index.html" },
  prose: {
    kind: { type: "enum", values: ["lead", "full"] },
    flag: "--prose",
    help: "lead: long paragraphs show their lead sentence; full (default); front matter `prose:` overrides it",
  },
  fragments: { kind: bool, flag: "--fragments", help: "list items appear one at a time; front matter `fragments:` overrides it" },
  dialect: {
    kind: { type: "enum", values: DIALECTS },
    flag: "--dialect",
    help: `read the articles as ${DIALECTS.join(", ")} (default: detected); front matter \`dialect:\` overrides it`,
  },
  tab: { kind: str, flag: "--tab", help: "d2lbook: the framework tab of code cells to show; front matter `tab:` overrides it" },
  fit: { kind: bool, flag: "--no-fit / --fit", help: "measure slides in a browser (build: default true; serve: default false)" },
  cache: { kind: bool, flag: "--no-cache", help: "reuse decks whose article, images, theme and options are unchanged (default true)" },
  jobs: { kind: { type: "integer", min: 1, max: 64 }, flag: "--jobs", help: "decks built at once, sharing one browser (default 1)" },
  browserPath: { kind: path, flag: "--browser-path", help: "the Chrome/Chromium to use" },
  root: { kind: path, flag: "--root", help: "folder local images may come from (default: the project)" },
  allowHtml: { kind: bool, flag: "--allow-html", help: "trust raw HTML in articles" },
  keepRepetition: { kind: bool, flag: "--keep-repetition", help: "keep degenerate repeated enumerations as written" },
  strict: { kind: bool, flag: "--strict", help: "warnings fail the build (exit 1)" },
  host: { kind: str, flag: "--host", help: "serve: address to listen on (default 127.0.0.1)" },
  port: { kind: { type: "integer", min: 0, max: 65535 }, flag: "--port", help: "serve: port (default 8080)" },
};

export const isConfigKey = (key: string): key is keyof FileConfig => Object.hasOwn(CONFIG_KEYS, key);

/** The JSON schema of a configuration file, for editors (`$schema` in lectern.config.json). */
export function configSchema(): Record<string, unknown> {
  const property = ({ kind, flag, help }: KeySpec): Record<string, unknown> => {
    const description = `${help} (${flag})`;
    switch (kind.type) {
      case "boolean":
        return { type: "boolean", description };
      case "string":
      case "path":
      case "theme":
        return { type: "string", description };
      case "paths":
        return { description, oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] };
      case "enum":
        return { type: "string", enum: [...kind.values], description };
      case "list":
        return { type: "array", items: { enum: [...kind.values] }, uniqueItems: true, description };
      case "integer":
        return { type: "integer", minimum: kind.min, maximum: kind.max, description };
    }
  };
  const properties: Record<string, unknown> = { $schema: { type: "string", description: "the schema this file follows" } };
  for (const [key, spec] of Object.entries(CONFIG_KEYS)) properties[key] = property(spec);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Lectern configuration",
    description:
      "lectern.config.{json,yaml,yml,js,mjs,cjs} or the `lectern` key of package.json. Flags override it; front matter overrides it per deck.",
    type: "object",
    properties,
    additionalProperties: false,
  };
}
