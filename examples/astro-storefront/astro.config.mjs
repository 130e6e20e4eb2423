// Nothing for wix-authz here: the generated clients and the runtime build as they are. (Adding the wixAuthz() Vite
// plugin from "wix-authz/vite" only makes the error clearer if browser code ever imports the admin client.)
import node from "@astrojs/node";
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
});
