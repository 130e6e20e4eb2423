// The stateful handlers for the default spec's methods, by method id, and the seeding of their data.
import type { SeedData } from "../options.js";
import type { EmulatorState } from "../state.js";
import { bookingHandlers } from "./bookings.js";
import { cartHandlers } from "./cart.js";
import { memberHandlers, seedMembers } from "./members.js";
import { productHandlers, seedProducts } from "./products.js";
import type { MethodHandler } from "./types.js";

export type { MethodCall, MethodHandler } from "./types.js";

export const HANDLERS: Readonly<Record<string, MethodHandler>> = {
  ...productHandlers,
  ...cartHandlers,
  ...bookingHandlers,
  ...memberHandlers,
};

export function seedState(state: EmulatorState, seed: SeedData, nowIso: string): void {
  seedMembers(state, seed.members ?? [], nowIso);
  seedProducts(state, seed.products ?? [], nowIso);
}
