// young-generation: holds V8's new space at the size it has reached while a cold spec load runs.
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** V8's default growth factor, set again when the load ends. */
const V8_DEFAULT_GROWTH_FACTOR = 2;

export interface NewSpaceHold {
  /** Between steps of the load: from the first call that finds the new space at the limit or past it, it stays. */
  check(): void;
  /** Lets the new space grow again, as V8 would by default. */
  release(): void;
}

/**
 * A cold catalogue load allocates ~130 MB, nearly all short-lived, while the ~10 MB it keeps survive scavenges; V8
 * doubles the new space each time as many bytes as it holds have survived, so the load would end with two 16 MB
 * semispaces (~20 MB of peak RSS) for garbage that dies as well in smaller ones. The largest size is fixed when the
 * process starts (`--max-semi-space-size` given to v8.setFlagsFromString later does nothing), but the growth factor
 * is read at each growth: 1 keeps the size. Below `limitBytes` the space grows as usual (held from the start, at 1 MB
 * semispaces, the load promotes more of its garbage to the old space and peaks higher). A process started with its
 * own growth factor keeps it: nothing is held.
 */
export function holdNewSpace(limitBytes: number): NewSpaceHold {
  if (growthFactorGiven()) return { check: () => undefined, release: () => undefined };
  let held = false;
  return {
    check() {
      if (held || newSpaceBytes() < limitBytes) return;
      setFlagsFromString("--semi-space-growth-factor=1");
      held = true;
    },
    release() {
      if (!held) return;
      setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
      held = false;
    },
  };
}

/** Both semispaces of the new space, as committed now. */
export function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
}

const growthFactorGiven = (): boolean =>
  [...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].some((arg) => /semi[-_]space[-_]growth[-_]factor/.test(arg));
