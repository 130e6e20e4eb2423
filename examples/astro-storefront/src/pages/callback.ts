// GET /callback: Wix sends the browser back here with code and state; the member session replaces the visitor's.
import type { APIRoute } from "astro";
import { wix } from "../lib/wix";

export const GET: APIRoute = ({ request }) => wix().callback(request);
