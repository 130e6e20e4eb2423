// `npm run example:storefront`: the local Wix emulator, the storefront built against it, and a static server.

import { fileURLToPath } from "node:url";
import { DEFAULT_CLIENT_ID, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD, startEmulator } from "../../emulator/index.js";
import { buildStorefront } from "./build.js";
import { startStaticServer } from "./server.js";

const port = Number(process.env.PORT ?? 4173);
const emulator = await startEmulator();
const outdir = fileURLToPath(new URL("dist", import.meta.url));
await buildStorefront({ outdir, clientId: DEFAULT_CLIENT_ID, baseUrl: emulator.url, conditions: ["wix-authz-source"] });
// 127.0.0.1:<any port>/callback is on the emulator client's allowed redirect URIs.
const site = await startStaticServer({ root: outdir, host: "127.0.0.1", port });
process.stdout.write(
  `Storefront: ${site.url}/\nWix emulator: ${emulator.url}\nLog in with ${DEMO_MEMBER_EMAIL} / ${DEMO_MEMBER_PASSWORD}\nCtrl+C stops.\n`,
);
process.once("SIGINT", () => {
  void Promise.all([site.close(), emulator.close()]).then(() => process.exit(0));
});
