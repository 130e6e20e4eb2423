// ownership: whether a file in the output folder was written by the generator, proven by the exact header it writes.
import { GENERATED_MARKER } from "./emit/header.js";

/**
 * The first two lines `header()` writes, from the first byte: the marker line and the regenerate command. A file that
 * only mentions the marker (a comment, a string, a copied line further down) is the user's and is never deleted.
 * Line ends may be CRLF: the output folder's Prettier or .editorconfig may ask for them.
 */
const HEADER = new RegExp(
  `^// ${GENERATED_MARKER} from [^\\r\\n]+\\. DO NOT EDIT\\.\\r?\\n// Regenerate: npx wix-authz generate --spec [^\\r\\n]+ --out [^\\r\\n]+\\r?\\n`,
);

/** Only the head is matched: bounded work whatever the file holds. */
export const HEAD_CHARS = 4096;

export function isGeneratedText(text: string): boolean {
  return HEADER.test(text.slice(0, HEAD_CHARS));
}
