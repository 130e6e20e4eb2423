// yaml-blocks: a spec file's text cut into its top-level parts (each shared schema under `schemas:`, each method
// under `methods:`), so that an incremental run parses again only the parts whose text changed and takes the others
// from the last run's data of the file. Only for text in the plain block layout the importer writes: anything else
// (another top-level key, an anchor, tabs, CR line ends, an odd indentation, a quoted schema name) is not cut, and the
// file is parsed whole, as is a file whose parts do not parse alone or do not fit the last run's data.
import { createHash } from "node:crypto";

/** One part: where it is, its name (a schema's), the sha256 of its text, and the text. */
export interface Block {
  readonly section: "schemas" | "methods";
  readonly name?: string;
  readonly hash: string;
  readonly text: string;
}

/** What the spec cache keeps of a file's parts: each part's hash, in order (a schema's with its name). */
export interface BlockHashes {
  readonly schemas?: readonly (readonly [name: string, hash: string])[];
  readonly methods?: readonly string[];
}

const SCHEMA_LINE = /^ {2}([A-Za-z0-9_$.-]+):(?: |$)/;

/** A text cut into its parts: its top-level sections in order (an empty one is null data) and their parts. */
export interface Split {
  readonly sections: readonly Block["section"][];
  readonly blocks: readonly Block[];
}

/** The text's parts, or undefined when the text is not in the plain layout they can be cut from. */
export function splitBlocks(text: string): Split | undefined {
  // An anchor (`&name` where a node may start) could be aliased from another part: such a text is not cut.
  if (/[\t\r]/.test(text) || /(?:^|[\s[{,])&\S/.test(text)) return undefined;
  const sections = new Set<string>();
  const blocks: { section: Block["section"]; name?: string; lines: string[] }[] = [];
  let section: Block["section"] | undefined;
  let current: (typeof blocks)[number] | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) {
      current?.lines.push(line);
      continue;
    }
    if (!line.startsWith(" ")) {
      const top = /^(schemas|methods):$/.exec(line);
      if (!top || sections.has(top[1]!)) return undefined;
      section = top[1] as Block["section"];
      sections.add(section);
      current = undefined;
      continue;
    }
    if (line.startsWith("   ") || (line.startsWith("  #") && current)) {
      if (!current) return undefined;
      current.lines.push(line);
      continue;
    }
    if (!line.startsWith("  ") || section === undefined) return undefined;
    if (section === "methods") {
      if (!line.startsWith("  - ")) return undefined;
      blocks.push((current = { section, lines: [line] }));
    } else {
      const name = SCHEMA_LINE.exec(line)?.[1];
      if (name === undefined) return undefined;
      blocks.push((current = { section, name, lines: [line] }));
    }
  }
  if (sections.size === 0) return undefined;
  return {
    sections: [...sections] as Block["section"][],
    blocks: blocks.map((b) => {
      const blockText = `${b.lines.join("\n")}\n`;
      return {
        section: b.section,
        ...(b.name !== undefined && { name: b.name }),
        hash: createHash("sha256").update(blockText).digest("hex"),
        text: blockText,
      };
    }),
  };
}

/** The parts' hashes as the spec cache keeps them, with the sections the text has (an empty one is null data). */
export function blockHashes(text: string): (BlockHashes & { readonly sections: readonly string[] }) | undefined {
  const split = splitBlocks(text);
  if (!split) return undefined;
  return {
    sections: split.sections,
    schemas: split.blocks.filter((b) => b.section === "schemas").map((b) => [b.name!, b.hash] as const),
    methods: split.blocks.filter((b) => b.section === "methods").map((b) => b.hash),
  };
}

/**
 * The file's data made from the last run's (`old`, with the hashes of the parts it was made from) and the parts of
 * `text` that changed, each parsed alone by `parse`; undefined when that cannot be done exactly as a whole parse
 * would (a part that does not parse alone, or parses to something else than one schema or one method; two schemas
 * of one name; data that does not fit its hashes).
 */
export function assembleData(
  text: string,
  old: { readonly data: unknown; readonly blocks: BlockHashes & { readonly sections?: readonly string[] } },
  parse: (text: string) => unknown,
): unknown {
  const split = splitBlocks(text);
  if (!split) return undefined;
  const oldData = old.data as { schemas?: Record<string, unknown> | null; methods?: unknown[] | null };
  const oldMethods = old.blocks.methods ?? [];
  const oldSchemas = new Map(old.blocks.schemas ?? []);
  if ((oldData.methods?.length ?? 0) !== oldMethods.length) return undefined;
  if (Object.keys(oldData.schemas ?? {}).length !== oldSchemas.size) return undefined;
  const oldMethodAt = new Map<string, number[]>();
  oldMethods.forEach((h, i) => oldMethodAt.set(h, [...(oldMethodAt.get(h) ?? []), i]));
  const parsedAlone = (block: Block): unknown => {
    try {
      return parse(block.text);
    } catch {
      return undefined;
    }
  };
  const data: Record<string, unknown> = {};
  for (const section of split.sections) data[section] = null;
  for (const block of split.blocks) {
    if (block.section === "methods") {
      const reuse = oldMethodAt.get(block.hash)?.shift();
      let method: unknown;
      if (reuse !== undefined) method = oldData.methods![reuse];
      else {
        const alone = parsedAlone(block);
        if (!Array.isArray(alone) || alone.length !== 1) return undefined;
        method = alone[0];
      }
      ((data.methods ??= []) as unknown[]).push(method);
    } else {
      const schemas = (data.schemas ??= {}) as Record<string, unknown>;
      if (Object.hasOwn(schemas, block.name!)) return undefined;
      let schema: unknown;
      if (oldSchemas.get(block.name!) === block.hash && oldData.schemas && Object.hasOwn(oldData.schemas, block.name!))
        schema = oldData.schemas[block.name!];
      else {
        const alone = parsedAlone(block) as Record<string, unknown> | undefined;
        if (typeof alone !== "object" || alone === null || Array.isArray(alone)) return undefined;
        const keys = Object.keys(alone);
        if (keys.length !== 1 || keys[0] !== block.name) return undefined;
        schema = alone[block.name!];
      }
      // defineProperty: a schema named "__proto__" stays a plain key.
      Object.defineProperty(schemas, block.name!, {
        value: schema,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return data;
}
