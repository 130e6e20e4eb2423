// What the core hands the wire when it is linked (wire-link.ts): its error classes, the token check, the redaction of token shapes.

import {
  redactDeep,
  WixApiError,
  WixAuthzError,
  WixConfigError,
  WixIdentityError,
  WixNetworkError,
  WixResponseError,
  WixSessionExpiredError,
  WixTokenError,
} from "./errors.js";
import { REDACTED, redactShapes } from "./redact.js";
import { tokensProblem } from "./tokens.js";
import type { WireValues } from "./wire-link.js";

export const VALUES: WireValues = {
  WixAuthzError,
  WixApiError,
  WixConfigError,
  WixIdentityError,
  WixNetworkError,
  WixResponseError,
  WixSessionExpiredError,
  WixTokenError,
  tokensProblem,
  REDACTED,
  redactShapes,
  redactDeep,
};
