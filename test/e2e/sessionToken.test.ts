import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStudio, type ServedStudio } from './harness';

describe('the session token', () => {
  let browser: Browser;
  let studio: ServedStudio;

  beforeAll(async () => {
    [browser, studio] = await Promise.all([launchChromium(), serveStudio()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('a browser without the token sees a 401 page, cannot fetch images and cannot open the bridge', async () => {
    const page = await browser.newPage();
    const bare = new URL(studio.url);
    bare.search = '';
    const response = await page.goto(bare.toString());
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('This studio session needs its token');

    const image = await page.goto(new URL('/image/abc/thumb', bare).toString());
    expect(image?.status()).toBe(401);

    const bridge = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onclose = () => resolve('refused');
        }),
      `ws://${bare.host}/bridge`,
    );
    expect(bridge).toBe('refused');
    await page.close();
  });

  it('a wrong token is refused as well', async () => {
    const page = await browser.newPage();
    const wrong = new URL(studio.url);
    wrong.searchParams.set('token', 'not-the-token');
    const response = await page.goto(wrong.toString());
    expect(response?.status()).toBe(401);
    await page.close();
  });
});
