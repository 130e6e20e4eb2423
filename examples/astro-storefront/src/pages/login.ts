// GET /login: to the Wix-hosted login page (PKCE and state kept in a short-lived HttpOnly cookie).
import type { APIRoute } from "astro";
import { wix } from "../lib/wix";

export const GET: APIRoute = ({ request }) => wix().login(request, { returnTo: "/" });
