import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStudio, type ServedStudio } from './harness';

// Browsers send a host's cookies to every port of it. Two studios on one machine, and any
// other local web server, must neither log each other out nor receive a studio's token.

describe('session cookies on a shared machine', () => {
  let browser: Browser;
  let first: ServedStudio;
  let second: ServedStudio;
  let plain: Server;
  const seenByPlain: string[] = [];

  beforeAll(async () => {
    plain = createServer((request, response) => {
      seenByPlain.push(request.headers.cookie ?? '');
      response.end('<!doctype html><title>another local server</title>');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    [browser, first, second] = await Promise.all([launchChromium(), serveStudio(), serveStudio()]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    plain?.close();
  });

  it('a second studio does not log the first out, and neither it nor another server on 127.0.0.1 receives the first one’s token', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => localStorage.setItem('studio.annotator', 'e2e'));
    const page = await context.newPage();
    const tokenOf = (s: ServedStudio) => new URL(s.url).searchParams.get('token')!;
    const bare = (s: ServedStudio) => {
      const url = new URL(s.url);
      url.search = '';
      return url.toString();
    };

    expect((await page.goto(first.url))?.status()).toBe(200);
    expect((await page.goto(second.url))?.status()).toBe(200);
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    for (const path of ['/', '/bridge', '/image/x/thumb', '/s/']) await page.goto(`${plainUrl}${path}`);

    // Back to the first studio without its token: its cookie is still there, and still its own.
    expect((await page.goto(bare(first)))?.status()).toBe(200);
    await page.getByRole('heading', { name: /Start|Open|project/i }).first().waitFor();
    expect((await page.goto(bare(second)))?.status()).toBe(200);

    expect(seenByPlain.length).toBeGreaterThanOrEqual(4); // and favicon requests
    expect(seenByPlain.filter((c) => c.includes(tokenOf(first)) || c.includes(tokenOf(second)))).toEqual([]);
    const sentToSecond = await context.cookies(bare(second));
    expect(sentToSecond.map((c) => c.value)).toEqual([tokenOf(second)]);
    expect((await context.cookies(bare(first))).map((c) => [c.name, c.value])).toEqual([[`studio_${first.port}`, tokenOf(first)]]);
    await context.close();
  });
});
