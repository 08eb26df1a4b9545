import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

/**
 * The console's built files (CONSOLE_DIR) are served beside the API, but only on the console's own
 * paths: nothing on disk answers, or is even looked up, for `/api/…` (files are not database-specific:
 * SQLite only).
 */
describe('the console files beside the API', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('console');
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>console</title>',
    );
    writeFileSync(join(dir, 'main.js'), 'console.log(1);');
    // A file whose path is an API route: it must never shadow the route.
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'health'), 'a file, not the API');
    t = await startTestApp(testDatabases()[0], { env: { CONSOLE_DIR: dir } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    removeTempDir(dir);
  });

  it('serves the console files and the app shell on client-side routes', async () => {
    const file = await request(t.app.getHttpServer()).get('/main.js');
    expect(file.status).toBe(200);
    expect(file.text).toBe('console.log(1);');
    const shell = await request(t.app.getHttpServer())
      .get('/dashboard')
      .set('Accept', 'text/html');
    expect(shell.status).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.text).toContain('<title>console</title>');
  });

  it('answers /api/… from the API even where a file of that path exists', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.status).toBe('ok');
  });
});
