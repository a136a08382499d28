import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_DIR } from '../browser/angular-example';

interface Manifest {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}
interface Lock {
  readonly packages: Readonly<Record<string, { readonly version?: string; readonly resolved?: string; readonly integrity?: string }>>;
}

const manifest = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'package-lock.json'), 'utf8')) as Lock;

describe('the Angular example project (examples/angular)', () => {
  test('pins Angular 21 and its CLI exactly (the versions that run on Node 20)', () => {
    const angular = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) => name.startsWith('@angular/'));
    expect(angular.map(([name]) => name).sort()).toEqual(
      ['@angular/build', '@angular/cli', '@angular/common', '@angular/compiler', '@angular/compiler-cli', '@angular/core', '@angular/platform-browser'].sort(),
    );
    for (const [name, version] of angular) expect({ [name]: version }).toEqual({ [name]: expect.stringMatching(/^21\.\d+\.\d+$/) });
  });

  test('installs cohere-rx from the tarball `npm pack` makes, as a user installs a package', () => {
    expect(manifest.dependencies['cohere-rx']).toBe('file:cohere-rx.tgz');
    expect(lock.packages['node_modules/cohere-rx']).toMatchObject({ resolved: 'file:cohere-rx.tgz' });
  });

  // With an integrity, `npm ci` would install the tarball npm cached under that hash, not the one
  // just packed. `npm install` in the example adds it back: delete the line again.
  test('records no integrity for the tarball in its lockfile, so that npm ci installs the one just packed', () => {
    expect(lock.packages['node_modules/cohere-rx']?.integrity).toBeUndefined();
  });
});
