// The stateful handlers, by method id (the default spec's, and the catalogue's storefront flow), and their seed data.
import type { SeedData } from "../options.js";
import type { EmulatorState } from "../state.js";
import { bookingHandlers } from "./bookings.js";
import { cartHandlers } from "./cart.js";
import { cartV2Handlers } from "./cart-v2.js";
import { catalogV3Handlers, seedCatalogV3 } from "./catalog-v3.js";
import { checkoutHandlers } from "./checkout.js";
import { memberHandlers, seedMembers } from "./members.js";
import { productHandlers, seedProducts } from "./products.js";
import type { MethodHandler } from "./types.js";

export type { MethodCall, MethodHandler } from "./types.js";

export const HANDLERS: Readonly<Record<string, MethodHandler>> = {
  ...productHandlers,
  ...cartHandlers,
  ...bookingHandlers,
  ...memberHandlers,
  ...catalogV3Handlers,
  ...cartV2Handlers,
  ...checkoutHandlers,
};

export function seedState(state: EmulatorState, seed: SeedData, nowIso: string): void {
  seedMembers(state, seed.members ?? [], nowIso);
  seedProducts(state, seed.products ?? [], nowIso);
  seedCatalogV3(state, seed.products ?? [], nowIso);
}
