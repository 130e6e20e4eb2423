// The product list, a React island (client:load): rendered on the server with the page, then hydrated; its search
// calls Wix from the browser with the visitor client. "Add to cart" stays a form POST to the server's session.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { createVisitorClient, type VisitorClient } from "../../generated/visitor.js";

type WixProduct = NonNullable<
  Awaited<ReturnType<VisitorClient["stores"]["products"]["queryProducts"]>>["products"]
>[number];

/** What the list shows of a product (the island's props are serialized into the page: no more than this). */
export interface Item {
  readonly id: string;
  readonly name: string;
  readonly price: string;
}

export function toItem(p: WixProduct): Item {
  return {
    id: p.id ?? "",
    name: p.name ?? "Product",
    price: p.priceData?.formatted?.price ?? `$${(p.priceData?.price ?? 0).toFixed(2)}`,
  };
}

export interface ProductsProps {
  readonly initial: readonly Item[];
  /** The OAuth app's client id and the API base URL: public, what any browser of the site may see. */
  readonly clientId: string;
  readonly baseUrl?: string;
}

export default function Products({ initial, clientId, baseUrl }: ProductsProps) {
  const [items, setItems] = useState(initial);
  const [status, setStatus] = useState("");
  // Server-rendered HTML has the button disabled: it works once the island has hydrated (effects run only then).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Made on the first search: a page nobody searches on starts no browser session.
  const visitor = useRef<VisitorClient | undefined>(undefined);

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const term = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    setStatus("Searching…");
    try {
      // Its own anonymous visitor, tokens in this page's memory: catalogue reads are the same for every visitor, and
      // the shopper's session (cart, login) stays in the server's HttpOnly cookie.
      visitor.current ??= createVisitorClient({ clientId, baseUrl });
      const filter = term === "" ? {} : { name: { $startsWith: term } };
      const { products = [] } = await visitor.current.stores.products.queryProducts({
        query: { filter, paging: { limit: 10 } },
      });
      setItems(products.map(toItem));
      setStatus(`${products.length} found`);
    } catch (error) {
      setStatus(`Search failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <>
      <form id="search" onSubmit={search}>
        <input name="q" type="search" aria-label="Search products" placeholder="Product name starts with…" />
        <button type="submit" disabled={!hydrated}>
          Search
        </button>{" "}
        <output id="search-status">{status}</output>
      </form>
      <ul id="products">
        {items.map((item) => (
          <li key={item.id}>
            {item.name} · {item.price}
            <form method="post" action="/cart/add">
              <input type="hidden" name="productId" value={item.id} />
              <button type="submit">Add to cart</button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
