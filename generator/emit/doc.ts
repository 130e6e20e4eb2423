// doc: JSDoc comment text that stays a comment whatever the spec text contains.

/** Makes free text safe inside a block comment: no early `*\/`, no stray line terminators. */
export function commentSafe(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .trim();
}

/** Lines of a JSDoc body (without the comment delimiters). */
export function docLines(description: string | undefined, tags: readonly string[] = []): string[] {
  const lines = description ? commentSafe(description).split("\n") : [];
  if (lines.length && tags.length) lines.push("");
  return [...lines, ...tags.map(commentSafe)];
}

/** A complete `/** … *\/` comment followed by a newline, or "" when there is nothing to say. */
export function docComment(description: string | undefined, tags: readonly string[] = []): string {
  const lines = docLines(description, tags);
  if (lines.length === 0) return "";
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => (l ? ` * ${l}` : " *")).join("\n")}\n */\n`;
}
