// The emulator's in-memory world: members, OAuth sessions and codes, login state, and the site's business data.
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { BoundedMap } from "./bounded.js";

export interface MemberRecord {
  readonly id: string;
  readonly contactId: string;
  loginEmail: string;
  passwordHash: string;
  status: "PENDING" | "APPROVED" | "BLOCKED";
  emailVerified: boolean;
  nickname: string;
  readonly createdDate: string;
}

/** The server-side session behind a refresh token. Visitor or member is decided here, never by the client. */
export interface OAuthSession {
  readonly id: string;
  readonly clientId: string;
  readonly visitorId: string;
  readonly memberId?: string;
  revoked: boolean;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly codeChallenge: string;
  readonly redirectUri?: string;
  readonly memberId: string;
  readonly visitorId: string;
  readonly expiresAt: number;
  used: boolean;
  /** Session minted from this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  sessionId?: string;
}

/** A logged-in member from direct login, not yet turned into tokens. */
export interface LoginSession {
  readonly memberId: string;
  readonly visitorId?: string;
  readonly expiresAt: number;
}

/** Pending state-machine step (email verification) behind a `stateToken`. */
export interface PendingLogin {
  readonly memberId: string;
  readonly visitorId?: string;
  readonly code: string;
  readonly expiresAt: number;
  /** Wrong codes tried so far; the state token is revoked at `limits.verificationAttempts`. */
  wrongCodes: number;
}

/** Wrong passwords in a row for one account, and until when its login is refused. */
export interface LoginFailures {
  failures: number;
  lockedUntil: number;
}

export interface AuthRequest {
  readonly clientId: string;
  readonly redirectUri?: string;
  readonly responseMode: "query" | "fragment" | "web_message";
  readonly state: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: string;
  readonly prompt: string;
  readonly sessionToken?: string;
}

export interface RedirectSessionRecord {
  readonly id: string;
  readonly intent: "auth" | "logout" | "ecomCheckout";
  /** The OAuth app the session was created for: its allow list decides where a logout may redirect. */
  readonly clientId: string;
  readonly authRequest?: AuthRequest;
  /** The visitor who asked (carried to the member session so the cart follows the login). */
  readonly visitorId?: string;
  /** The OAuth session to end when a logout URL is visited. */
  readonly sessionId?: string;
  readonly postFlowUrl?: string;
  /** ecomCheckout: the checkout its URL opens, and where the placed order returns to. */
  readonly checkoutId?: string;
  readonly thankYouPageUrl?: string;
}

/** A message the emulator "sent" (verification code, recovery link); read it from `state.outbox`. */
export interface OutboxMessage {
  readonly to: string;
  readonly kind: "email-verification" | "password-recovery";
  readonly code: string;
  readonly redirectUrl?: string;
}

export class EmulatorState {
  readonly members = new Map<string, MemberRecord>();
  // Every table a client can grow keeps at most `limit` entries, the oldest evicted first (an evicted session,
  // code or token reads as unknown, exactly as an expired one does).
  readonly sessions: Map<string, OAuthSession>;
  readonly codes: Map<string, AuthorizationCode>;
  readonly loginSessions: Map<string, LoginSession>;
  readonly pendingLogins: Map<string, PendingLogin>;
  readonly recoveryTokens: Map<string, { memberId: string; expiresAt: number }>;
  readonly redirectSessions: Map<string, RedirectSessionRecord>;
  /** Hosted-login cookie sessions, so `prompt=none` works after a `prompt=login` in the same browser. */
  readonly browserSessions: Map<string, { memberId: string; expiresAt: number }>;
  /** CSRF tokens of served login forms, each bound to its login state (see login-form.ts). */
  readonly loginForms: Map<string, { binding: string; expiresAt: number }>;
  /** By member id: failed password attempts (login and the hosted form share them). */
  readonly loginFailures: Map<string, LoginFailures>;
  /** Business data, one record bag per handler module (products, carts, bookings). */
  readonly data = new Map<string, Map<string, unknown>>();
  readonly outbox: OutboxMessage[] = [];
  /** Called for every message "sent" (the CLI prints them: it is the emulator's mail inbox). */
  onMessage: ((message: OutboxMessage) => void) | undefined;

  /** `limit`: most entries per table (and messages in the outbox). */
  constructor(readonly limit = 50_000) {
    this.sessions = new BoundedMap(limit);
    this.codes = new BoundedMap(limit);
    this.loginSessions = new BoundedMap(limit);
    this.pendingLogins = new BoundedMap(limit);
    this.recoveryTokens = new BoundedMap(limit);
    this.redirectSessions = new BoundedMap(limit);
    this.browserSessions = new BoundedMap(limit);
    this.loginFailures = new BoundedMap(limit);
    this.loginForms = new BoundedMap(limit);
  }

  send(message: OutboxMessage): void {
    this.outbox.push(message);
    if (this.outbox.length > this.limit) this.outbox.splice(0, this.outbox.length - this.limit);
    this.onMessage?.(message);
  }

  collection<T>(name: string): Map<string, T> {
    let bag = this.data.get(name);
    if (bag === undefined) {
      bag = new Map();
      this.data.set(name, bag);
    }
    return bag as Map<string, T>;
  }

  findMemberByEmail(email: string): MemberRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const member of this.members.values()) if (member.loginEmail.toLowerCase() === wanted) return member;
    return undefined;
  }

  createSession(clientId: string, visitorId: string, memberId?: string): OAuthSession {
    const session: OAuthSession = {
      id: randomUUID(),
      clientId,
      visitorId,
      revoked: false,
      ...(memberId !== undefined && { memberId }),
    };
    this.sessions.set(session.id, session);
    return session;
  }
}

export function opaqueToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  // Low scrypt cost: this is a local emulator, and tests create members often.
  const hash = scryptSync(password, salt, 32, { N: 1024 });
  return `${salt.toString("base64url")}.${hash.toString("base64url")}`;
}

export function checkPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(".") as [string, string];
  const expected = Buffer.from(hash, "base64url");
  const given = scryptSync(password, Buffer.from(salt, "base64url"), 32, { N: 1024 });
  return timingSafeEqual(given, expected);
}
