// The wire: transport, token endpoint, token session and the guarded call. Loaded by load-wire.ts on the first call
// (a dynamic import), so a browser page's initial chunk holds the client's shape and its checks, not the wire.

export { link } from "./wire-link.js";
export { callMethod } from "./call.js";
export { connect } from "./connect.js";
export { OAuthClient } from "./oauth.js";
export { SecretSet } from "./secrets.js";
export { TokenSession } from "./session.js";
export { Transport } from "./transport.js";
