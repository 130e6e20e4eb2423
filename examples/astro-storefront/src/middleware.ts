// Renews the Wix session before every page and endpoint (the fresh cookie on the request and on the response) and
// gives them this request's clients as Astro.locals.wix.
import { defineMiddleware } from "astro:middleware";
import { wix } from "./lib/wix";

export const onRequest = defineMiddleware((context, next) =>
  wix().handle(context.request, ({ headers }) => {
    context.locals.wix = wix().clients(headers);
    return next();
  }),
);
