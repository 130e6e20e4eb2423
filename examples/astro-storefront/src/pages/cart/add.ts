// POST /cart/add (the product form): adds one item as this request's visitor or member, then back to the shop.
import type { APIRoute } from "astro";
import { STORES_APP_ID } from "../../lib/wix";

export const POST: APIRoute = async ({ request, locals }) => {
  const productId = (await request.formData()).get("productId");
  if (typeof productId !== "string" || productId === "") return new Response("productId is required", { status: 400 });
  await locals.wix.visitor.ecom.currentCart.addToCurrentCart({
    lineItems: [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: productId } }],
  });
  return locals.wix.apply(new Response(null, { status: 303, headers: { location: "/" } }));
};
