// POST /logout (a form, so other sites cannot log members out with a link): Wix's logout page, then back here.
import type { APIRoute } from "astro";
import { wix } from "../lib/wix";

export const POST: APIRoute = ({ request }) => wix().logout(request, { returnTo: "/" });
