// GET /api/admin/products: the admin client on the server (API key), here the catalogue with stock levels.
// A real site puts its own staff authentication in front of a route like this one.
import { adminClient } from "../../../../lib/admin";

export const dynamic = "force-dynamic";

export async function GET() {
  const { products = [] } = await adminClient().stores.products.queryProducts({ query: { paging: { limit: 100 } } });
  return Response.json({
    products: products.map((p) => ({ id: p.id, name: p.name, inStock: p.stock?.inStock ?? null })),
  });
}
