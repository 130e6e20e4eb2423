// Browser stand-in for @wix-authz/runtime/admin (package.json "browser" condition): any browser bundle importing it fails, saying why.
// The specifier starts with "[": a leading "wix-authz:" reads as a URL scheme to Turbopack, which then hides the text.
export * from "[wix-authz] the admin client (@wix-authz/runtime/admin) is server only. It holds your Wix API key, which must never be shipped to browsers. Import it from server code only (route handlers, server actions, backend jobs).";
