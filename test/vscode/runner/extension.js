// The in-host test runner: a tiny extension installed beside Auto Agent in code-server. When the outer runner
// sets AUTO_AGENT_TEST_SUITE, it loads that suite's index, calls its run() (the same entry @vscode/test-electron
// calls), and writes a JSON result for the outer runner, which waits for the file.
const fs = require('fs');

exports.activate = function activate() {
  const suite = process.env.AUTO_AGENT_TEST_SUITE;
  const resultFile = process.env.AUTO_AGENT_TEST_RESULT;
  if (!suite || !resultFile) return;
  const started = Date.now();
  const write = (result) => fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify({ ...result, durationMs: Date.now() - started }, null, 2));
  const finish = (result) => {
    write(result);
    fs.renameSync(`${resultFile}.tmp`, resultFile);
  };
  setTimeout(() => {
    Promise.resolve()
      .then(() => require(suite).run())
      .then((report) => finish({ ok: true, ...report }), (err) => finish({ ok: false, error: String((err && err.stack) || err), ...(err && err.report) }));
  }, 0);
};

exports.deactivate = function deactivate() {};
