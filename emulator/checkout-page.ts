// The hosted checkout page that checkout URLs and `ecomCheckout` redirect sessions open: GET shows the checkout,
// POST ("Place order", emulated payment) places its order and returns to the redirect session's thank-you page URL
// with `orderId` and `orderNumber` (or shows a thank-you page when there is none).
import { CHECKOUT_PAGE_PATH, checkoutTotal, checkouts, placeOrder } from "./handlers/checkout.js";
import { WixApiError, sendHtml, sendRedirect } from "./http.js";
import { CSRF_FIELD, formTokenAccepted, mintFormToken } from "./login-form.js";
import { checkoutPage, messagePage, thankYouPage } from "./pages.js";
import type { RequestContext, Router } from "./router.js";

export function addCheckoutPageRoutes(router: Router): void {
  router.add("GET", CHECKOUT_PAGE_PATH, showCheckout);
  router.add("POST", CHECKOUT_PAGE_PATH, submitCheckout);
}

interface PageParams {
  readonly checkoutId: string;
  readonly redirectSessionId?: string;
}

function paramsOf(source: Readonly<Record<string, unknown>>): PageParams {
  const checkoutId = typeof source["checkoutId"] === "string" ? source["checkoutId"] : "";
  const redirectSessionId = typeof source["redirectSessionId"] === "string" ? source["redirectSessionId"] : undefined;
  return { checkoutId, ...(redirectSessionId !== undefined && redirectSessionId !== "" && { redirectSessionId }) };
}

function lookup(rc: RequestContext, params: PageParams) {
  const checkout = checkouts(rc.app.state).get(params.checkoutId);
  if (checkout === undefined) throw new WixApiError(404, "CHECKOUT_NOT_FOUND", "Checkout not found");
  const session =
    params.redirectSessionId === undefined ? undefined : rc.app.state.redirectSessions.get(params.redirectSessionId);
  if (
    params.redirectSessionId !== undefined &&
    (session?.intent !== "ecomCheckout" || session.checkoutId !== checkout.id)
  ) {
    throw new WixApiError(404, "NOT_FOUND", "Redirect session not found for this checkout");
  }
  return { checkout, session };
}

function showCheckout(rc: RequestContext): void {
  const params = paramsOf(Object.fromEntries(rc.url.searchParams));
  const { checkout } = lookup(rc, params);
  if (checkout.completed) {
    const order = checkout.orderId ?? "";
    return sendHtml(rc.res, 200, messagePage("Checkout completed", `This checkout already became order ${order}.`));
  }
  const money = (n: number) => `$${n.toFixed(2)}`;
  const hidden = { ...params, [CSRF_FIELD]: mintFormToken(rc, { ...params }) };
  sendHtml(
    rc.res,
    200,
    checkoutPage({
      lines: checkout.lines.map((l) => ({ name: l.name, quantity: l.quantity, total: money(l.unit * l.quantity) })),
      total: money(checkoutTotal(checkout)),
      hidden,
      buyer: checkout.buyer.memberId !== undefined ? `member ${checkout.buyer.memberId}` : "a visitor",
    }),
  );
}

async function submitCheckout(rc: RequestContext): Promise<void> {
  const form = await rc.body();
  const params = paramsOf(form);
  const token = typeof form[CSRF_FIELD] === "string" ? form[CSRF_FIELD] : undefined;
  // The same single-use form token as the hosted login: only a page this emulator served may place the order.
  if (!formTokenAccepted(rc, { ...params }, token)) {
    return sendHtml(
      rc.res,
      403,
      messagePage("Checkout refused", "This form is stale or did not come from the checkout page."),
    );
  }
  const { checkout, session } = lookup(rc, params);
  const { order } = placeOrder(rc.app, checkout, "PAID");
  const back = session?.thankYouPageUrl ?? session?.postFlowUrl;
  if (back === undefined) return sendHtml(rc.res, 200, thankYouPage(order.number, order.id));
  const target = new URL(back);
  target.searchParams.set("orderId", order.id);
  target.searchParams.set("orderNumber", order.number);
  sendRedirect(rc.res, target.href);
}
