// Child processes for the bench: run a command to completion, timed, and fail loudly with its output.
import { spawn } from "node:child_process";

export interface ProcResult {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/**
 * The environment of the children the bench times (generation, ours and the peer's alike, and the emulator's start):
 * NODE_EXTRA_CA_CERTS removed. Node parses that CA bundle at every start (~90 ms here), none of these processes makes
 * a network request, and a user's machine does not set it.
 */
export function generationEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Runs `node <args>` (the same Node as the bench) and times it from spawn to exit. */
export function runNode(
  args: readonly string[],
  cwd: string,
  opts: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: opts.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { ms: performance.now() - start, stdout, stderr, code: code ?? -1 };
      if (result.code !== 0 && !opts.allowFailure) {
        const tail = (stderr || stdout).split("\n").slice(-15).join("\n");
        reject(new Error(`node ${args.join(" ")} (in ${cwd}) exited with ${result.code}:\n${tail}`));
      } else resolve(result);
    });
  });
}
