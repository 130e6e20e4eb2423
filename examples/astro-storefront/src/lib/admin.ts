// The admin client: API key from the environment, server code only (frontmatter and endpoints, never a <script>).
import { createAdminClient, type AdminClient } from "../../generated/admin.js";
import { required } from "./wix";

let admin: AdminClient | undefined;

export function adminClient(): AdminClient {
  return (admin ??= createAdminClient({
    apiKey: required("WIX_API_KEY"),
    siteId: required("WIX_SITE_ID"),
    baseUrl: process.env.WIX_BASE_URL || undefined,
  }));
}
