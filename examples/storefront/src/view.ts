// DOM rendering for the storefront: text nodes only (never innerHTML), so data from the API cannot inject markup.

import type { Cart, Member, Product } from "../../../generated/types.js";

const $ = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element;
};

function item(...children: (string | HTMLElement)[]): HTMLLIElement {
  const li = document.createElement("li");
  for (const child of children) {
    if (typeof child !== "string") li.append(child);
    else li.append(Object.assign(document.createElement("span"), { textContent: child }));
  }
  return li;
}

export function renderSession(member: Member | undefined): void {
  $("who").textContent = member
    ? `Logged in as ${member.profile?.nickname ?? "a member"} (${member.loginEmail ?? "no email"})`
    : "Browsing as a visitor";
  $("login").hidden = member !== undefined;
  $("logout").hidden = member === undefined;
}

export function renderProducts(products: readonly Product[], onAdd: (product: Product) => void): void {
  const rows = products.map((product) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Add to cart";
    button.addEventListener("click", () => onAdd(product));
    const price = product.priceData?.formatted?.price ?? `$${(product.priceData?.price ?? 0).toFixed(2)}`;
    const row = item(`${product.name} · ${price}`, button);
    row.dataset.productId = product.id;
    return row;
  });
  $("products").replaceChildren(...rows);
}

export function renderCart(cart: Cart | undefined): void {
  const lines = cart?.lineItems ?? [];
  $("cart").replaceChildren(
    ...(lines.length === 0
      ? [item("Your cart is empty")]
      : lines.map((line) =>
          item(`${line.productName?.original ?? "Item"} × ${line.quantity ?? 0}`, line.price?.formattedAmount ?? ""),
        )),
  );
  $("subtotal").textContent = cart?.subtotal?.formattedAmount ?? "$0.00";
  $("cart").dataset.cartId = cart?.id ?? "";
}

export function showError(error: unknown): void {
  const element = $("error");
  // wix-authz errors carry a readable message with secrets already scrubbed.
  element.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  element.hidden = false;
}

export function clearError(): void {
  $("error").hidden = true;
}

/** `data-state` on <body>: loading → ready, busy while an action runs (tests and styles key on it). */
export function setState(state: "busy" | "ready"): void {
  document.body.dataset.state = state;
}

export function onClick(id: "login" | "logout", handler: () => void): void {
  $(id).addEventListener("click", handler);
}
