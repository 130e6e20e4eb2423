// text-mutators: byte- and line-level damage (broken YAML, random bytes, line endings) and file-set changes.
import type { SpecInput } from "./oracle.js";
import type { Rng } from "./rng.js";

export type TextMutator = (text: string, rng: Rng) => { text: string; note: string };

const TOKENS = [
  ": ",
  "- ",
  "{",
  "}",
  "[",
  "]",
  ",",
  "&a ",
  "*a",
  "*nope",
  "!tag ",
  "!!str ",
  "%YAML 1.1\n",
  "---\n",
  "...\n",
  "? ",
  "|",
  ">",
  "#",
  '"',
  "'",
  "\t",
  "\r",
  "\u0000",
  "\uFEFF",
  "<<: *a\n",
  "@",
  "`",
  "\\",
  "\u2028",
  "\u0085",
];

function randomBytesText(rng: Rng, n: number): string {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = rng.int(0, 255);
  // Decode as the CLI would read the file: invalid UTF-8 becomes U+FFFD, so memory and disk see the same text.
  return bytes.toString("utf8");
}

const lines = (text: string) => text.split("\n");

export const TEXT_MUTATORS: Record<string, TextMutator> = {
  randomBytes(text, rng) {
    const at = rng.int(0, text.length);
    return {
      text: text.slice(0, at) + randomBytesText(rng, rng.size(64)) + text.slice(at),
      note: `randomBytes at ${at}`,
    };
  },
  replaceWithBytes(_text, rng) {
    return { text: randomBytesText(rng, rng.size(2000)), note: "replaceWithBytes" };
  },
  deleteRange(text, rng) {
    const at = rng.int(0, text.length);
    const n = rng.size(200);
    return { text: text.slice(0, at) + text.slice(at + n), note: `deleteRange ${at}+${n}` };
  },
  insertToken(text, rng) {
    const at = rng.int(0, text.length);
    const token = rng.pick(TOKENS);
    return { text: text.slice(0, at) + token + text.slice(at), note: `insertToken ${JSON.stringify(token)} at ${at}` };
  },
  duplicateLine(text, rng) {
    const ls = lines(text);
    const i = rng.int(0, ls.length - 1);
    ls.splice(i, 0, ls[i]!);
    return { text: ls.join("\n"), note: `duplicateLine ${i + 1}` };
  },
  swapLines(text, rng) {
    const ls = lines(text);
    const i = rng.int(0, ls.length - 1);
    const j = rng.int(0, ls.length - 1);
    [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    return { text: ls.join("\n"), note: `swapLines ${i + 1} ${j + 1}` };
  },
  reindent(text, rng) {
    const ls = lines(text);
    const i = rng.int(0, ls.length - 1);
    ls[i] = rng.chance(0.5) ? rng.pick([" ", "  ", "\t", "   "]) + ls[i]! : ls[i]!.replace(/^ {1,3}/, "");
    return { text: ls.join("\n"), note: `reindent ${i + 1}` };
  },
  truncate(text, rng) {
    const at = rng.int(0, text.length);
    return { text: text.slice(0, at), note: `truncate ${at}` };
  },
  lineEndings(text, rng) {
    const style = rng.pick(["crlf", "cr", "bom", "noFinalNewline", "mixed"] as const);
    const out = {
      crlf: () => text.replace(/\n/g, "\r\n"),
      cr: () => text.replace(/\n/g, "\r"),
      bom: () => `\uFEFF${text}`,
      noFinalNewline: () => text.replace(/\n+$/, ""),
      mixed: () => text.replace(/\n/g, () => (rng.chance(0.3) ? "\r\n" : "\n")),
    }[style]();
    return { text: out, note: `lineEndings ${style}` };
  },
  tabs(text) {
    return { text: text.replace(/^( {2})+/gm, (m) => "\t".repeat(m.length / 2)), note: "tabs" };
  },
};

/** Display names a spec file may have on disk: must end in .yaml, no slash or NUL (Linux allows the rest). */
export const HOSTILE_FILE_NAMES = [
  "a\u2028export const pwned = 1;.yaml",
  "b\nexport const pwned = 1;\n.yaml",
  "c */ d.yaml",
  "日本語.yaml",
  " space.yaml",
  "e`${x}`.yaml",
  "'quote\".yaml",
  "zz.YML",
];

export type FileMutator = (files: SpecInput[], rng: Rng) => { files: SpecInput[]; note: string } | undefined;

export const FILE_MUTATORS: Record<string, FileMutator> = {
  removeFile(files, rng) {
    if (files.length < 2) return;
    const i = rng.int(0, files.length - 1);
    return { files: files.filter((_, j) => j !== i), note: `removeFile ${files[i]!.file}` };
  },
  addFile(files, rng) {
    const text = rng.pick([
      "",
      "\n",
      "# only a comment\n",
      "methods: []\n",
      "schemas: {}\n",
      "~\n",
      "[]\n",
      "42\n",
      "methods:\n",
      "---\n---\n",
    ]);
    // A name no other file has: two inputs with one name cannot exist on disk, where the CLI check runs.
    let file = "spec/zz-extra.yaml";
    for (let n = 2; files.some((f) => f.file === file); n++) file = `spec/zz-extra-${n}.yaml`;
    return { files: [...files, { file, text }], note: `addFile ${JSON.stringify(text)}` };
  },
  duplicateFile(files, rng) {
    const f = rng.pick(files);
    const file = f.file.replace(/(\.ya?ml)$/i, "-copy$1");
    // Two inputs with one name would be one file on disk: memory and disk runs must see the same spec.
    if (files.some((g) => g.file.toLowerCase() === file.toLowerCase())) return;
    return { files: [...files, { file, text: f.text }], note: `duplicateFile ${f.file}` };
  },
  hostileFileName(files, rng) {
    const i = rng.int(0, files.length - 1);
    const name = rng.pick(HOSTILE_FILE_NAMES);
    if (files.some((f) => f.file.toLowerCase() === `spec/${name}`.toLowerCase())) return;
    return {
      files: files.map((f, j) => (j === i ? { file: `spec/${name}`, text: f.text } : f)),
      note: `hostileFileName ${JSON.stringify(name)}`,
    };
  },
};
