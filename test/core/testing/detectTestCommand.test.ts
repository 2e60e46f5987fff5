import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectTestCommand } from '../../../src/core/testing/detectTestCommand';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { makeTempDir } from '../../support/testHost';

describe('detectTestCommand', () => {
  const files = new NodeFiles();
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => { tmp = makeTempDir(); });
  afterEach(() => tmp.cleanup());
  const write = (name: string, text = ''): void => {
    mkdirSync(path.dirname(path.join(tmp.dir, name)), { recursive: true });
    writeFileSync(path.join(tmp.dir, name), text);
  };
  const detect = async (override?: string) => (await detectTestCommand(files, tmp.dir, override))?.command;
  const pkg = (extra: object = {}) => JSON.stringify({ name: 'x', scripts: { test: 'mocha' }, ...extra });

  it('npm by default, pnpm / yarn / bun by lockfile, packageManager wins', async () => {
    write('package.json', pkg());
    assert.equal(await detect(), 'npm test');
    write('yarn.lock');
    assert.equal(await detect(), 'yarn test');
    write('pnpm-lock.yaml');
    assert.equal(await detect(), 'pnpm test');
    write('package.json', pkg({ packageManager: 'yarn@4.1.0' }));
    assert.equal(await detect(), 'yarn test');
  });

  it('bun lockfile runs the script with bun run', async () => {
    write('package.json', pkg());
    write('bun.lock');
    assert.equal(await detect(), 'bun run test');
  });

  it('ignores npm\'s placeholder test script and broken package.json', async () => {
    write('package.json', JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }));
    assert.equal(await detect(), undefined);
    write('package.json', '{ not json');
    assert.equal(await detect(), undefined);
  });

  it('cargo, go, maven, gradle (wrapper first)', async () => {
    write('Cargo.toml', '[package]\nname = "x"\n');
    assert.equal(await detect(), 'cargo test');
    tmp.cleanup(); tmp = makeTempDir();
    write('go.mod', 'module example.com/x\n');
    assert.equal(await detect(), 'go test ./...');
    tmp.cleanup(); tmp = makeTempDir();
    write('pom.xml', '<project/>');
    assert.equal(await detect(), 'mvn -B test');
    tmp.cleanup(); tmp = makeTempDir();
    write('build.gradle.kts');
    assert.equal(await detect(), 'gradle test --console=plain');
    write('gradlew', '#!/bin/sh\n');
    assert.equal(await detect(), './gradlew test --console=plain');
  });

  it('pytest from its configuration or a Python project with tests', async () => {
    write('pyproject.toml', '[project]\nname = "x"\n');
    assert.equal(await detect(), undefined);
    write('tests/test_a.py', 'def test_a(): pass\n');
    assert.equal(await detect(), 'python3 -m pytest');
    tmp.cleanup(); tmp = makeTempDir();
    write('pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-q"\n');
    assert.equal(await detect(), 'python3 -m pytest');
    tmp.cleanup(); tmp = makeTempDir();
    write('setup.cfg', '[tool:pytest]\n');
    assert.equal(await detect(), 'python3 -m pytest');
  });

  it('a Makefile test target, and nothing at all', async () => {
    assert.equal(await detect(), undefined);
    write('Makefile', 'build:\n\tcc a.c\n\ntest: build\n\t./run-tests\n');
    assert.equal(await detect(), 'make test');
  });

  it('the testCommand setting overrides detection', async () => {
    write('package.json', pkg());
    const found = await detectTestCommand(files, tmp.dir, '  make check ');
    assert.deepEqual(found, { command: 'make check', runner: 'custom', reason: 'the testCommand setting' });
  });
});
