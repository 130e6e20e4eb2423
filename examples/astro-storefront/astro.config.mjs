// Nothing for wix-authz here: the generated clients and the runtime build as they are. (Adding the wixAuthz() Vite
// plugin from "wix-authz/vite" only makes the error clearer if browser code ever imports the admin client.) React is
// the UI framework of the product list island (src/components/Products.tsx).
import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";

// Astro's Node adapter trusts a request's Host only for these names; for any other it builds request URLs as
// "http://localhost" (no port) and refuses form POSTs as cross-site. Loopback serves the emulator; set SITE_HOSTNAME
// at build time to your domain.
const site = process.env.SITE_HOSTNAME;

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  integrations: [react()],
  security: {
    allowedDomains: [
      { hostname: "localhost" },
      { hostname: "127.0.0.1" },
      ...(site ? [{ hostname: site, protocol: "https" }] : []),
    ],
  },
});
