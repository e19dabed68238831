import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStudioPage } from './harness';
import { decisionRows, demoStudioForSuite, shownFileName, waitForNewestSaved, waitForNextImage } from './studioPage';

const itemPanel = (page: Page) => page.getByRole('region', { name: 'This image' });
const loopStatus = (page: Page) => page.getByLabel('Loop status', { exact: true });

/** ArrowRight until the item on screen matches, at most `limit` times; returns whether it did. */
async function walkUntil(page: Page, wanted: (panel: string) => boolean, limit = 20): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    await page.locator('.caption-name').waitFor();
    if (wanted(await itemPanel(page).innerText())) return true;
    const before = await shownFileName(page);
    await page.keyboard.press('ArrowRight');
    await waitForNextImage(page, before);
  }
  return false;
}

/** The "N/M until retrain" numbers of the status bar, once no run is going. */
async function untilRetrain(page: Page): Promise<[number, number]> {
  const count = loopStatus(page).getByText(/^\d+\/\d+ until retrain$/);
  await count.waitFor({ timeout: 90_000 });
  const [since, every] = (await count.innerText()).split(/[/ ]/).map(Number);
  return [since, every];
}

describe('the active-learning loop while labeling', () => {
  const suite = demoStudioForSuite('loop');

  it('after Retrain now, each image says why it was picked, Space accepts the suggestion, held-out images show none, and the status bar counts the label', async () => {
    const { page, errors } = await openStudioPage(suite.browser, suite.studio.url);
    await loopStatus(page).getByText('No model yet').waitFor();
    await page.locator('.caption-name').waitFor();
    const onScreen = await shownFileName(page);
    await loopStatus(page).getByRole('button', { name: 'Retrain now' }).click();
    await loopStatus(page).getByText('Round 1').waitFor({ timeout: 90_000 });
    await loopStatus(page).getByRole('button', { name: 'Retrain now' }).waitFor(); // the run has ended
    expect(await untilRetrain(page)).toEqual([0, expect.any(Number)]);
    // The queue was rescored behind the image being looked at: that image stays on screen.
    expect(await shownFileName(page)).toBe(onScreen);

    // T retrains from the keyboard, and the help lists it.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Retrain the model now').waitFor();
    await page.keyboard.press('Escape');

    // A held-out image: a neutral note, no suggestion, and Space does nothing (S after it is the only decision).
    expect(await walkUntil(page, (text) => text.includes('Held-out'))).toBe(true);
    expect(await itemPanel(page).innerText()).toMatch(/Held-out (test|val) image: no model suggestion shown, so your label is independent\./);
    expect(await page.getByLabel("The model's suggestion").count()).toBe(0);
    const decisionsBefore = await decisionRows(page).count();
    const heldOutImage = await shownFileName(page);
    await page.keyboard.press(' ');
    await page.keyboard.press('s');
    await waitForNextImage(page, heldOutImage);
    await waitForNewestSaved(page, 'Skipped');
    expect(await decisionRows(page).count()).toBe(decisionsBefore + 1);

    // An image the model scored: why it was picked (strategy and score) and its top-3; Space accepts the first.
    expect(await walkUntil(page, (text) => text.includes('Model suggests'))).toBe(true);
    const panel = await itemPanel(page).innerText();
    expect(panel).toMatch(/Why this image: .+/);
    expect(panel).toMatch(/score \d/);
    const suggestion = page.getByLabel("The model's suggestion");
    expect(await suggestion.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    const accept = await suggestion.getByRole('button', { name: /^Accept / }).innerText();
    const className = accept.replace(/^Accept\s+/, '').replace(/\s*Space$/, '').trim();
    const [since, every] = await untilRetrain(page);
    await page.keyboard.press(' ');
    await waitForNewestSaved(page, className);
    await loopStatus(page).getByText(`${since + 1}/${every} until retrain`).waitFor();
    // Space on the held-out image did not press the Retrain now button clicked before: still one round.
    expect(await loopStatus(page).innerText()).toMatch(/^Round 1\b/);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('a strategy chosen in the Model tab is saved and still chosen after a reload', async () => {
    const { page } = await openStudioPage(suite.browser, suite.studio.url);
    await page.getByRole('tab', { name: 'Model' }).click();
    const random = page.getByRole('radio', { name: /^random\b/ });
    await random.waitFor();
    expect(await random.isChecked()).toBe(false);
    await random.click();
    // The radio follows the saved settings, so it is checked once the studio has stored the choice.
    await expect.poll(() => random.isChecked()).toBe(true);
    await page.reload();
    await page.getByRole('tab', { name: 'Model' }).click();
    await expect.poll(() => page.getByRole('radio', { name: /^random\b/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^random\b/ }).locator('..').innerText()).toMatch(/cold start/);
  });
});
