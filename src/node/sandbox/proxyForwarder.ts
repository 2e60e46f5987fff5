/**
 * The forwarder that runs first inside a sandbox with allowed hosts: it listens on the sandbox's own loopback
 * (which exists only inside its network namespace), relays each connection to the proxy's unix socket, then runs
 * the command with the proxy variables set and exits as it exits. Written to the proxy's folder as a script, run
 * by this same Node binary. It is not a second spawn helper: it runs inside the sandbox, started by spawnChild, and
 * hands the command the environment it was given, which spawnChild had already scrubbed of secrets.
 */

/** The port the forwarder listens on inside the sandbox (nothing else listens there). */
export const forwarderPort = 3128;

/** Node source of the forwarder: argv is [socketPath, file, ...args]. */
export const forwarderSource = `'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');
const [socketPath, file, ...args] = process.argv.slice(2);
const server = net.createServer((client) => {
  const upstream = net.connect(socketPath);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.pipe(upstream);
  upstream.pipe(client);
});
server.listen(${forwarderPort}, '127.0.0.1', () => {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(file, args, { stdio: 'inherit', env });
  child.on('error', (err) => { process.stderr.write(String(err.message) + '\\n'); process.exit(127); });
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (require('node:os').constants.signals[signal] || 1) : code));
});
`;
