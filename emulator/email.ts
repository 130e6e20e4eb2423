// Email address check for register: bounded length first, then one linear pass (no backtracking regex on user input).

/** RFC 5321 limits: 254 characters in all, 64 before the `@`. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

/** `local@domain.tld`: one `@`, no whitespace, a dot inside the domain, no empty domain label at either end. */
export function isEmailAddress(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.indexOf("@");
  if (at < 1 || at > MAX_LOCAL_LENGTH || email.indexOf("@", at + 1) !== -1) return false;
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  if (dot < 1 || dot === domain.length - 1 || domain.startsWith(".") || domain.includes("..")) return false;
  // A single character class cannot backtrack, and it only ever sees the bounded string.
  return !/\s/.test(email);
}
