// Wix Members: the current member (member tokens) and approval of pending members (admin).
import { WixApiError } from "../http.js";
import type { SeedMember } from "../options.js";
import { type EmulatorState, type MemberRecord, hashPassword } from "../state.js";
import type { MethodHandler } from "./types.js";

export function seedMembers(state: EmulatorState, seed: readonly SeedMember[], nowIso: string): void {
  for (const m of seed) {
    state.members.set(m.id, {
      id: m.id,
      contactId: m.id,
      loginEmail: m.email,
      passwordHash: hashPassword(m.password),
      status: m.status,
      emailVerified: m.emailVerified,
      nickname: m.nickname,
      createdDate: nowIso,
    });
  }
}

export function memberView(member: MemberRecord): Record<string, unknown> {
  return {
    id: member.id,
    loginEmail: member.loginEmail,
    status: member.status,
    privacyStatus: "PRIVATE",
    contactId: member.contactId,
    profile: { nickname: member.nickname, slug: member.nickname.toLowerCase().replace(/[^a-z0-9]+/g, "-") },
    createdDate: member.createdDate,
  };
}

export const memberHandlers: Record<string, MethodHandler> = {
  "members.members.getCurrentMember": (call) => {
    const member = call.app.state.members.get(call.claims?.memberId ?? "");
    if (member === undefined) throw new WixApiError(404, "NOT_FOUND", "The current member no longer exists");
    return { member: memberView(member) };
  },
  "members.members.approveMember": (call) => {
    const id = String(call.request["id"]);
    const member = call.app.state.members.get(id);
    if (member === undefined) throw new WixApiError(404, "NOT_FOUND", `Member ${id} not found`, { memberId: id });
    if (member.status === "BLOCKED") throw new WixApiError(400, "MEMBER_BLOCKED", `Member ${id} is blocked`);
    member.status = "APPROVED";
    return { member: memberView(member) };
  },
};
