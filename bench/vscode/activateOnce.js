// One activation sample in a fresh process: require the bundle (with `vscode` resolved to the fake) and call
// activate(); prints the milliseconds from before require to after activate.
const Module = require('module');
const path = require('path');
const fake = path.join(__dirname, 'fakeVscode.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
const bundle = process.argv[2];
const context = { subscriptions: [], extensionUri: {}, secrets: {}, globalStorageUri: {} };
const started = performance.now();
const ext = require(bundle);
const api = ext.activate(context);
const total = performance.now() - started;
process.stdout.write(JSON.stringify({ totalMs: total, activateMs: api.activationMs }));
