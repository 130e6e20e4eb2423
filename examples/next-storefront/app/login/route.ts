// GET /login: to the Wix-hosted login page (PKCE and state kept in a short-lived HttpOnly cookie).
import { wix } from "../../lib/wix";

export const GET = (request: Request) => wix().login(request, { returnTo: "/" });
