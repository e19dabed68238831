import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { shownFileName, studioCli, waitForNewestSaved, waitForNextImage, waitForText, writeImages } from './studioPage';
import { makeNetns, netnsUnavailable, type Netns } from '../helpers/netns';

// A lead serves a project to the network; two domain experts label from their own browsers
// and a reviewer settles their conflict. The server is bound to a non-loopback address of a
// network namespace this test makes, with Chromium running inside it too; where no namespace
// can be made, to the loopback address 127.0.0.2 by name.

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`[teamLabeling] no network namespace (${unavailable}): serving on 127.0.0.2 instead`);

describe('two annotators and a reviewer over the network', () => {
  let work: string;
  let projectDir: string;
  let configDir: string;
  let netns: Netns | null = null;
  let browser: Browser;
  let studio: ServedStudio;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-team-'));
    projectDir = join(work, 'project');
    configDir = join(work, 'config');
    await writeImages(join(work, 'clothes'), 24, { prefix: 'item', seed: 300 });
    await studioCli(['create', projectDir, '--classes', 'coat,shirt'], configDir);
    await studioCli(['import', projectDir, join(work, 'clothes')], configDir);
    await studioCli(['team', projectDir, '--role', 'rita=reviewer'], configDir);
    let executablePath: string | undefined;
    if (!unavailable) {
      netns = await makeNetns();
      // Chromium runs inside the namespace as well: playwright drives it over pipes, not the network.
      executablePath = join(work, 'chromium-in-netns');
      await writeFile(executablePath, `#!/bin/sh\nexec ip netns exec ${netns.name} ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`);
      await chmod(executablePath, 0o755);
    }
    const bind = netns?.address ?? '127.0.0.2';
    [browser, studio] = await Promise.all([
      launchChromium({ executablePath }),
      serveStudio({ project: projectDir, configDir, args: ['--bind', bind], ...(netns ? { spawn: netns.spawn } : {}) }),
    ]);
    expect(new URL(studio.url).hostname).toBe(bind);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await netns?.remove();
    if (work) await rm(work, { recursive: true, force: true });
  });

  // Over plain HTTP to a LAN address the page is not a secure context (no crypto.randomUUID,
  // COOP ignored): every page error counts, except Chromium's notice about that header.
  const pageErrors: string[][] = [];
  const realErrors = () => pageErrors.flat().filter((e) => !e.startsWith('The Cross-Origin-Opener-Policy header has been ignored'));

  /** A first visit: the studio asks for a name before anything else. */
  async function arrive(name: string): Promise<Page> {
    const { page, errors } = await openStudioPage(browser, studio.url, { annotator: null });
    pageErrors.push(errors);
    await page.getByRole('heading', { name: 'Who is labeling?' }).waitFor();
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Start labeling' }).click();
    await page.getByRole('button', { name: `Annotator: ${name} (change)` }).waitFor();
    return page;
  }

  const label = async (page: Page, className: string) => {
    const before = await shownFileName(page);
    await page.getByRole('group', { name: 'Classes' }).getByRole('button', { name: new RegExp(className) }).click();
    await waitForNewestSaved(page, className);
    return before;
  };

  it('each is asked for a name, they label side by side without ever being shown the same image, and a forced shared image becomes a conflict a reviewer settles', async () => {
    const alice = await arrive('alice');
    const bob = await arrive('bob');
    await alice.locator('.caption-name').waitFor();
    await bob.locator('.caption-name').waitFor();

    const seen = { alice: new Set<string>(), bob: new Set<string>() };
    for (let round = 0; round < 5; round++) {
      for (const [who, page] of [['alice', alice], ['bob', bob]] as const) {
        const shown = await label(page, round % 2 ? 'shirt' : 'coat');
        seen[who].add(shown);
        await waitForNextImage(page, shown).catch(() => undefined);
      }
    }
    seen.alice.add(await shownFileName(alice));
    seen.bob.add(await shownFileName(bob));
    expect(seen.alice.size).toBe(6);
    expect(seen.bob.size).toBe(6);
    expect([...seen.alice].filter((name) => seen.bob.has(name))).toEqual([]);

    // Bob opens the image alice has on screen from the gallery: the studio warns him, then both label it.
    const shared = await shownFileName(alice);
    await bob.getByRole('tab', { name: 'Gallery' }).click();
    await bob.getByRole('grid', { name: 'Images' }).getByRole('button', { name: new RegExp(`^${shared.replace('.', '\\.')},`) }).click();
    await bob.waitForFunction((name) => document.querySelector('.caption-name')?.textContent === name, shared);
    await waitForText(bob, 'alice has this image on screen too');
    await label(alice, 'coat');
    await bob.getByRole('group', { name: 'Classes' }).getByRole('button', { name: /shirt/ }).click();
    await waitForText(bob, 'Conflict: alice labeled this image coat before you. Both answers are kept; a reviewer decides.');
    await waitForNewestSaved(bob, 'shirt'); // saved, not failed
    await waitForText(bob, '⚠ Conflict with alice (coat)');

    // The reviewer sees both answers and decides; the image leaves the queue and is recorded as reviewed.
    const rita = await arrive('rita');
    await rita.getByRole('tab', { name: 'Review' }).click();
    const queue = rita.getByRole('list', { name: 'Review queue' });
    await queue.getByRole('button', { name: new RegExp(shared.replace('.', '\\.')) }).waitFor();
    const answers = rita.getByRole('table', { name: 'Answers' });
    await answers.getByRole('row', { name: /alice coat/ }).waitFor();
    await answers.getByRole('row', { name: /bob shirt/ }).waitFor();
    await rita.getByRole('group', { name: 'Final class' }).getByRole('button', { name: /shirt/ }).click();
    await waitForText(rita, 'Nothing waits: no conflicts, no disagreements, no flags.');

    const reviewed = await studioCli<{ path: string; label: string }[]>(['samples', projectDir, '--filter', 'reviewed'], configDir);
    expect(reviewed.map((s) => [s.path.split('/').pop(), s.label])).toEqual([[shared, 'shirt']]);
    const conflicts = await studioCli<unknown[]>(['samples', projectDir, '--filter', 'conflict'], configDir);
    expect(conflicts).toEqual([]);
    expect(realErrors()).toEqual([]);
  });
});
