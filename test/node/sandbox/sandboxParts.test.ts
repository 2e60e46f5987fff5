// The sandbox's pure parts: the Seatbelt profile (macOS, whose real run is untested here), the probe's reasons
// and fixes, the blocked-path/host reader, and the protected read-only binds.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultProtectedGlobs } from '../../../src/core/policy/protectedFiles';
import { describeSandboxBlocks, findSandboxBlocks } from '../../../src/core/policy/sandboxBlocks';
import { describeSandboxStatus } from '../../../src/core/policy/sandboxStatus';
import { bubblewrapArgs } from '../../../src/node/sandbox/bubblewrapArgs';
import { protectedMountsIn } from '../../../src/node/sandbox/protectedMounts';
import { probeSandbox, userNamespaceProblem } from '../../../src/node/sandbox/sandboxProbe';
import { globRegex, seatbeltProfile } from '../../../src/node/sandbox/seatbeltProfile';
import { makeTempDir } from '../../support/testHost';

describe('sandbox parts', () => {
  describe('Seatbelt profile (macOS)', () => {
    const profile = seatbeltProfile({ writableRoots: ['/Users/me/proj'], protectedGlobs: ['**/.git/**', '**/package.json'], secretPaths: ['/Users/me/.ssh'] });

    it('denies by default, reads everywhere but the secrets, writes only the roots minus the protected globs, no network', () => {
      assert.match(profile, /^\(version 1\)\n\(deny default\)/);
      assert.match(profile, /\(allow file-read\*\)/);
      assert.match(profile, /\(deny file-read\* file-write\* \(subpath "\/Users\/me\/\.ssh"\)\)/);
      assert.match(profile, /\(allow file-write\* \(require-all \(subpath "\/Users\/me\/proj"\) \(require-not \(regex "\^\/Users\/me\/proj\(\/\.\*\)\?\/\\\\\.git\(\/\.\*\)\?\$"\)\)/);
      assert.match(profile, /\(deny network\*\)/);
      assert.doesNotMatch(profile, /allow network/);
    });

    it('with allowed hosts, opens only the forwarder port on loopback', () => {
      const withProxy = seatbeltProfile({ writableRoots: ['/w'], secretPaths: [], proxyPort: 3128 });
      assert.match(withProxy, /\(allow network-outbound \(remote ip "localhost:3128"\)\)/);
      assert.doesNotMatch(withProxy, /deny network/);
    });

    it('turns a protected glob into an anchored regex for its root', () => {
      const git = new RegExp(globRegex('/w', '**/.git/**'));
      for (const p of ['/w/.git', '/w/.git/hooks/pre-commit', '/w/sub/.git/config']) assert.ok(git.test(p), p);
      for (const p of ['/w/.github/x', '/other/.git/config', '/w/x.git']) assert.ok(!git.test(p), p);
      const workflows = new RegExp(globRegex('/w', '**/.github/workflows/**'));
      assert.ok(workflows.test('/w/.github/workflows/ci.yml'));
      assert.ok(!workflows.test('/w/.github/ISSUE_TEMPLATE.md'));
      assert.ok(new RegExp(globRegex('/w', '**/*.code-workspace')).test('/w/a/b.code-workspace'));
    });

    it('quotes paths so a root cannot break out of its string', () => {
      assert.match(seatbeltProfile({ writableRoots: ['/w/a"b'], secretPaths: [] }), /\(subpath "\/w\/a\\"b"\)/);
    });
  });

  describe('probe', () => {
    const sysctl = (values: Record<string, string>) => async (name: string): Promise<string | undefined> => values[name];

    it('names the AppArmor restriction, a zero namespace limit, and the old Debian switch, each with its fix', async () => {
      const apparmor = await userNamespaceProblem(sysctl({ 'kernel/apparmor_restrict_unprivileged_userns': '1' }));
      assert.match(apparmor?.reason ?? '', /AppArmor/);
      assert.match(apparmor?.fix ?? '', /apparmor_restrict_unprivileged_userns=0/);
      assert.match((await userNamespaceProblem(sysctl({ 'user/max_user_namespaces': '0' })))?.fix ?? '', /max_user_namespaces=15000/);
      assert.match((await userNamespaceProblem(sysctl({ 'kernel/unprivileged_userns_clone': '0' })))?.fix ?? '', /unprivileged_userns_clone=1/);
      assert.equal(await userNamespaceProblem(sysctl({ 'user/max_user_namespaces': '1000' })), undefined);
    });

    it('says Windows has no sandbox, off is off, and a missing bubblewrap is named with the install command', async () => {
      const windows = await probeSandbox({ mode: 'auto', platform: 'win32', searchPath: '' });
      assert.equal(windows.status.isActive, false);
      assert.match(windows.status.reason ?? '', /Windows/);
      assert.match((await probeSandbox({ mode: 'off', platform: 'linux', searchPath: '' })).status.reason ?? '', /turned off/);
      const missing = await probeSandbox({ mode: 'on', platform: 'linux', searchPath: '/nonexistent' });
      assert.match(describeSandboxStatus(missing.status), /^Sandbox: required but unavailable \(bubblewrap is not installed\): commands will not run\. Fix: install it: sudo apt install bubblewrap/);
    });
  });

  describe('blocked paths and hosts', () => {
    it('reads the path from the usual read-only file system messages', () => {
      const output = [
        "touch: cannot touch '/home/u/.bashrc': Read-only file system",
        'bash: /etc/profile: Read-only file system',
        "Error: EROFS: read-only file system, open '/w/.git/config'",
        "OSError: [Errno 30] Read-only file system: '/usr/lib/x'",
        'mkdir: cannot create directory ‘/w/.vscode/x’: Read-only file system',
      ].join('\n');
      assert.deepEqual(findSandboxBlocks(output, [], false).paths.sort(), ['/etc/profile', '/home/u/.bashrc', '/usr/lib/x', '/w/.git/config', '/w/.vscode/x']);
    });

    it('names refused and unresolvable hosts, and says how to ask for more', () => {
      const offline = findSandboxBlocks('curl: (6) Could not resolve host: registry.npmjs.org', [], false);
      assert.deepEqual(offline.hosts, ['registry.npmjs.org']);
      const lines = describeSandboxBlocks(offline).join('\n');
      assert.match(lines, /connection to registry\.npmjs\.org was blocked/);
      assert.match(lines, /outsideSandbox: true or with allowHosts/);
      assert.deepEqual(describeSandboxBlocks(findSandboxBlocks('all fine', [], false)), []);
    });
  });

  describe('read-only binds of the protected paths', () => {
    const ws = makeTempDir('auto-agent-mounts-');
    after(() => ws.cleanup());

    it('binds protected folders whole, nested ones too, the nearest folder of a missing protected path, and skips node_modules', async () => {
      for (const dir of ['.git/hooks', 'sub/.vscode', '.github', 'node_modules/dep', 'src']) mkdirSync(path.join(ws.dir, dir), { recursive: true });
      for (const file of ['package.json', 'src/a.ts', 'node_modules/dep/package.json', 'sub/AGENTS.md']) writeFileSync(path.join(ws.dir, file), '');
      const mounts = (await protectedMountsIn(ws.dir, defaultProtectedGlobs)).map((p) => path.relative(ws.dir, p)).sort();
      assert.deepEqual(mounts, ['.git', '.github', 'package.json', 'sub/.vscode', 'sub/AGENTS.md']);
    });
  });

  it('bubblewrap argv: system read-only first, then the roots, then the protected binds and hidden secrets (later mounts win)', () => {
    const argv = bubblewrapArgs({ bwrapPath: '/usr/bin/bwrap', writableRoots: ['/w'], readOnlyPaths: ['/w/.git'], hiddenFolders: ['/h/.ssh'], hiddenFiles: ['/h/.netrc'], cwd: '/w' }, '/bin/bash', ['-c', 'true']);
    const at = (...words: string[]): number => argv.findIndex((_, i) => words.every((w, j) => argv[i + j] === w));
    assert.ok(at('--cap-drop', 'ALL') >= 0 && at('--unshare-all') >= 0 && at('--die-with-parent') >= 0);
    assert.ok(at('--ro-bind', '/', '/') < at('--tmpfs', '/tmp'));
    assert.ok(at('--tmpfs', '/tmp') < at('--bind', '/w', '/w'));
    assert.ok(at('--bind', '/w', '/w') < at('--ro-bind', '/w/.git', '/w/.git'));
    assert.ok(at('--tmpfs', '/h/.ssh') > 0 && at('--ro-bind', '/dev/null', '/h/.netrc') > 0);
    assert.deepEqual(argv.slice(-4), ['--', '/bin/bash', '-c', 'true']);
  });

  it('binds the paths that must stay visible read-only after the private /tmp, and before the roots', () => {
    const argv = bubblewrapArgs({ bwrapPath: '/usr/bin/bwrap', visiblePaths: ['/tmp/srv'], writableRoots: ['/tmp/ws'], readOnlyPaths: [], hiddenFolders: [], hiddenFiles: [], cwd: '/tmp/ws' }, 'node', ['/tmp/srv/index.js']);
    const at = (...words: string[]): number => argv.findIndex((_, i) => words.every((w, j) => argv[i + j] === w));
    assert.ok(at('--tmpfs', '/tmp') < at('--ro-bind', '/tmp/srv', '/tmp/srv'));
    assert.ok(at('--ro-bind', '/tmp/srv', '/tmp/srv') < at('--bind', '/tmp/ws', '/tmp/ws'));
  });
});
