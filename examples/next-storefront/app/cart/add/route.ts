// POST /cart/add (the product form): adds one item as this request's visitor or member, then back to the shop.
import { STORES_APP_ID, wix } from "../../../lib/wix";

export async function POST(request: Request) {
  const productId = (await request.formData()).get("productId");
  if (typeof productId !== "string" || productId === "") return new Response("productId is required", { status: 400 });
  const clients = wix().clients(request);
  await clients.visitor.ecom.currentCart.addToCurrentCart({
    lineItems: [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: productId } }],
  });
  return clients.apply(new Response(null, { status: 303, headers: { location: "/" } }));
}
