// GET /callback: Wix sends the browser back here with code and state; the member session replaces the visitor's.
import { wix } from "../../lib/wix";

export const GET = (request: Request) => wix().callback(request);
