// payloads: hostile and edge-case text and values, shared by the fuzzer and the injection corpus test.

/** Free text that would break out of a comment, string, template or script if emitted carelessly. */
export const INJECTION_TEXTS: readonly string[] = [
  "*/ export const pwned = 1; /*",
  "*/\nexport const pwned = 1;\n/**",
  "`${globalThis.pwned = 1}`",
  "${process.exit(1)}",
  '"; export const pwned = 1; "',
  "'; export const pwned = 1; '",
  "\\\"); pwned(); (\"",
  "line one\nline two\r\nline three\rline four",
  "sep\u2028export const pwned = 1;\u2029end",
  "</script><script>alert(1)</script>",
  "<!-- --> -->",
  "__proto__",
  "constructor",
  "prototype",
  "@deprecated injected tag",
  "// not a comment",
  "/* nested /* comment */",
  "\u0000NUL and \u0007 bell",
  "\uFEFFzero\u200Bwidth\u202Eright-to-left",
  "naïve café — 日本語 — 🚀 — Ωmega",
  "\\u0027 \\x27 \\n literal escapes",
  "",
  " ",
];

/** Keys that mean something to JavaScript objects or TypeScript syntax. */
export const HOSTILE_KEYS: readonly string[] = [
  "__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then",
  "new", "delete", "class", "function", "default", "import", "export", "await", "yield", "let", "enum", "readonly",
  "get", "set", "static", "declare", "keyof", "typeof", "infer", "never", "unknown", "any",
  "", " ", "0", "-1", "1e3", "a-b", "a.b", "a b", "$ref", "x-ext", "*/", "`${x}`", "'\"", "\u2028", "日本",
];

/** Reserved and contextual words, tried as method and namespace names (lowercase camelCase, so the pattern passes). */
export const RESERVED_WORDS: readonly string[] = [
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "async",
  "arguments", "eval", "undefined", "of", "get", "set", "type", "namespace", "module", "declare", "abstract",
  "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint", "keyof", "infer",
  "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "auth", "then", "constructor", "prototype",
];

/** PascalCase names that shadow TypeScript or JavaScript globals when used as shared schema names. */
export const GLOBAL_TYPE_NAMES: readonly string[] = [
  "Record", "Partial", "Promise", "Array", "Object", "String", "Number", "Boolean", "Date", "Error", "Map", "Set",
  "Symbol", "Function", "JSON", "Math", "Readonly", "Pick", "Omit", "Exclude", "NonNullable", "ReturnType",
  "Blocked", "CallOptions", "MethodTable", "T", "VisitorClient", "MemberClient", "AdminClient", "Infinity", "NaN",
];

/** YAML scalars whose parsed value is surprising (numbers, specials, tags, escapes). */
export const WEIRD_SCALARS: readonly string[] = [
  ".inf", "-.inf", ".nan", "1e400", "-0", "0x1F", "0o17", "123456789012345678901234567890", "1_000", "~", "null",
  "true", "yes", "on", "2001-12-14", "!!str 12", "!!int '12'", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]",
  "!!float abc", "!custom x", '"\\u0000"', '"\\uD800"', '"\\x80"', "'it''s'", "|\n  block", ">-\n  folded",
];
