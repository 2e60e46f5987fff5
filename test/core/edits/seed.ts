/** One seed for every property test in a run, printed so a failure can be replayed (FC_SEED=... npx mocha ...). */
export const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
let isPrinted = false;

/** fast-check parameters with the run's seed; prints it once. */
export function fcParams(numRuns = 200): { seed: number; numRuns: number } {
  if (!isPrinted) {
    console.log(`      fast-check seed: ${seed} (replay with FC_SEED=${seed})`);
    isPrinted = true;
  }
  return { seed, numRuns };
}
