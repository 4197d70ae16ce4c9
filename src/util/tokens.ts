import type { Token } from "markdown-it";

/** A shallow copy of a markdown-it token that is still a Token (its prototype kept). */
export const cloneToken = (token: Token): Token => Object.assign(Object.create(Object.getPrototypeOf(token)), token) as Token;
