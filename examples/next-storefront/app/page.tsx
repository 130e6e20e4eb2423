// A server component: the request's clients from its cookies (fresh: proxy.ts renewed them), no client code.
import { headers } from "next/headers";
import { WixApiError } from "@wix-authz/runtime";
import type { VisitorClient } from "../generated/visitor.js";
import { wix } from "../lib/wix";

export const dynamic = "force-dynamic";

async function currentCart(visitor: VisitorClient) {
  try {
    return (await visitor.ecom.currentCart.getCurrentCart()).cart;
  } catch (error) {
    if (error instanceof WixApiError && error.status === 404) return undefined; // no cart until the first item
    throw error;
  }
}

export default async function Home() {
  const { visitor, member } = wix().clients(await headers());
  const [{ products = [] }, cart, me] = await Promise.all([
    visitor.stores.products.queryProducts({ query: { paging: { limit: 10 } } }),
    currentCart(visitor),
    member?.members.members.getCurrentMember(),
  ]);
  const lines = cart?.lineItems ?? [];
  return (
    <main>
      <h1>Storefront</h1>
      <p id="who">
        {me?.member
          ? `Logged in as ${me.member.profile?.nickname ?? "a member"} (${me.member.loginEmail ?? "no email"})`
          : "Browsing as a visitor"}
      </p>
      {member ? (
        <form method="post" action="/logout">
          <button type="submit">Log out</button>
        </form>
      ) : (
        <a href="/login">Log in</a>
      )}
      <h2>Products</h2>
      <ul id="products">
        {products.map((product) => (
          <li key={product.id}>
            {product.name} · {product.priceData?.formatted?.price ?? `$${(product.priceData?.price ?? 0).toFixed(2)}`}
            <form method="post" action="/cart/add">
              <input type="hidden" name="productId" value={product.id} />
              <button type="submit">Add to cart</button>
            </form>
          </li>
        ))}
      </ul>
      <h2>Cart</h2>
      <ul id="cart" data-cart-id={cart?.id ?? ""}>
        {lines.length === 0 ? (
          <li>Your cart is empty</li>
        ) : (
          lines.map((line) => (
            <li key={line.id}>
              {line.productName?.original ?? "Item"} × {line.quantity ?? 0}
            </li>
          ))
        )}
      </ul>
    </main>
  );
}
