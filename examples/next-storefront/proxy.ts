// Next.js 16 proxy (the former middleware.ts; on Next 15 name it middleware.ts and export `middleware`).
// Renews the Wix session before every page and route: the fresh cookie goes on the request, so server components
// (which cannot set cookies) read fresh tokens, and on the response, so the browser keeps them.
import { NextResponse, type NextRequest } from "next/server";
import { wix } from "./lib/wix";

export function proxy(request: NextRequest) {
  return wix().handle(request, ({ headers }) => NextResponse.next({ request: { headers } }));
}

// Pages and routes only: static files need no session (and would each start one).
export const config = { matcher: ["/((?!_next/|favicon.ico).*)"] };
