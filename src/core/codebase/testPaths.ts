/**
 * Which files are tests, fixtures or test helpers, so that the map ranks them below the code they test (a test
 * helper used by every test would otherwise outrank the code), and whether a goal is about tests.
 */

const testFolders = /(^|\/)(tests?|__tests__|spec|specs|__mocks__|mocks?|fixtures?|__fixtures__|testdata|test[-_]?utils|test[-_]?helpers|testing|e2e)\//i;
const testFileNames = /(\.|_|-)(test|spec|tests|specs|fixture|fixtures|mock|mocks|stories)\.[^/]+$|(^|\/)(test_[^/]+\.py|conftest\.py|[^/]+_test\.(go|py|rb|rs|c|cc|cpp)|[^/]+Tests?\.(java|cs|kt))$/i;

/** Whether a workspace-relative path is a test, a fixture or a test helper. */
export function isTestPath(path: string): boolean {
  return testFolders.test(path) || testFileNames.test(path);
}

/** Whether a goal is about tests (writing, fixing or reading them), in which case tests are not ranked down. */
export function isAboutTests(goal: string): boolean {
  return /\b(tests?|testing|tested|specs?|fixtures?|mocks?|coverage|unit[- ]tests?|e2e)\b/i.test(goal) || /\w+\.(test|spec)\.\w+/.test(goal);
}
