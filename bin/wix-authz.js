#!/usr/bin/env node
// wix-authz command line: runs the compiled CLI from dist/ (built by `npm run build`, run by `npm ci` via prepare).
import { runCli } from "../dist/cli/main.js";

await runCli();
