// Seeded PRNG for the soak and the fault proxy: same seed, same fault pattern and call mix, on every machine.

export { mulberry32 } from "../../emulator/prng.js";
