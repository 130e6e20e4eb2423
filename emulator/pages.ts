// HTML for the hosted flows: login form, web_message result, logout and error pages; every value is escaped.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}.note{color:#555;font-size:.9rem}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface LoginPageInput {
  /** The authorize parameters, echoed back as hidden fields so the POST is self-contained. */
  readonly hidden: Readonly<Record<string, string>>;
  readonly email?: string;
  readonly error?: string;
}

export function loginPage(input: LoginPageInput): string {
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const error = input.error === undefined ? "" : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`;
  return page(
    "Log in",
    `<h1>Log in</h1>
<p class="note">wix-authz emulator: a local stand-in for the Wix-hosted login page.</p>
${error}
<form method="post" action="/_api/oauth2/authorize">
${hidden}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? "")}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>`,
  );
}

/**
 * The web_message result: posts `payload` to the opener (popup) or parent (iframe) at `targetOrigin`. The payload is
 * also embedded as JSON so a non-browser client can read it.
 */
export function webMessagePage(
  payload: Readonly<Record<string, string>>,
  targetOrigin: string | undefined,
  nonce: string,
): string {
  const post =
    targetOrigin === undefined
      ? ""
      : `<script nonce="${escapeHtml(nonce)}">
(function () {
  var result = JSON.parse(document.getElementById("wix-authz-result").textContent);
  var target = window.opener || window.parent;
  if (target && target !== window) target.postMessage(result, ${scriptJson(targetOrigin)});
})();
</script>`;
  const note =
    targetOrigin === undefined
      ? `<p class="error">No allowed parent origin (the Referer is not an allowed redirect domain); nothing was posted.</p>`
      : `<p class="note">Result posted to ${escapeHtml(targetOrigin)}.</p>`;
  return page(
    "Authorization result",
    `<script type="application/json" id="wix-authz-result">${scriptJson(payload)}</script>
${note}
${post}`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

export interface CheckoutPageInput {
  readonly lines: readonly { readonly name: string; readonly quantity: number; readonly total: string }[];
  readonly total: string;
  readonly hidden: Readonly<Record<string, string>>;
  readonly buyer: string;
}

/** The hosted checkout: what is bought, by whom, the total, and one button that pays (emulated) and places the order. */
export function checkoutPage(input: CheckoutPageInput): string {
  const rows = input.lines
    .map((l) => `<li><span>${escapeHtml(l.name)} × ${l.quantity}</span> <span>${escapeHtml(l.total)}</span></li>`)
    .join("\n");
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return page(
    "Checkout",
    `<h1>Checkout</h1>
<p class="note">wix-authz emulator: a local stand-in for the Wix-hosted checkout page. Payment is emulated.</p>
<p id="buyer">Buying as ${escapeHtml(input.buyer)}</p>
<ul id="lines">
${rows}
</ul>
<p id="total">Total ${escapeHtml(input.total)}</p>
<form method="post" action="/checkout">
${hidden}
<button type="submit">Place order</button>
</form>`,
  );
}

export function thankYouPage(orderNumber: string, orderId: string): string {
  return page(
    "Thank you",
    `<h1>Thank you</h1>\n<p id="order" data-order-id="${escapeHtml(orderId)}">Order #${escapeHtml(orderNumber)} is placed.</p>`,
  );
}
