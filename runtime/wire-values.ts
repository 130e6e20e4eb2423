// What the core hands its lazy chunks when they load, one object for both: the wire (wire-link.ts: error classes, the
// token check, the redaction of token shapes) and the login flows (core-link.ts, which also take the callback parser
// and the option check).

import { parseCallback } from "./callback.js";
import type { CoreValues } from "./core-link.js";
import { ERROR_CLASSES, redactDeep } from "./errors.js";
import { requireString } from "./options.js";
import { REDACTED, redactShapes } from "./redact.js";
import { tokensProblem } from "./tokens.js";
import type { WireValues } from "./wire-link.js";

export const VALUES: WireValues & Omit<CoreValues, "callMethod"> = {
  ...ERROR_CLASSES,
  tokensProblem,
  REDACTED,
  redactShapes,
  redactDeep,
  parseCallback,
  requireString,
};
