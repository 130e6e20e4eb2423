// POST /logout (a form, so other sites cannot log members out with a link): Wix's logout page, then back here.
import { wix } from "../../lib/wix";

export const POST = (request: Request) => wix().logout(request, { returnTo: "/" });
