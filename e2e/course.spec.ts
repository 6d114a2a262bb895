/**
 * The course: every chapter loads from its link, each figure runs to done on WASM once
 * on screen (the question's figure once the reader has predicted), the question reveals its
 * answer, axe finds no serious violation, and nothing is logged as an error; the manifolds and
 * latent figures' readouts are checked on the same run. A figure scrolled away mid-run is
 * cancelled, and the whole course uses the page's one worker.
 */
import type { Locator, Page } from '@playwright/test';
import { CHAPTERS } from '../src/state/course';
import { activeBackend, expect, test, seriousViolations } from './fixtures';

const SCREENSHOTS: Record<string, string> = {
  ddpm: 'docs/screenshots/course-ddpm.png',
  'sde-ode': 'docs/screenshots/course-sde-ode.png',
  solvers: 'docs/screenshots/course-solvers.png',
  guidance: 'docs/screenshots/course-guidance.png',
  discrete: 'docs/screenshots/course-discrete.png',
  latent: 'docs/screenshots/course-latent.png',
};
/** Chapters pictured in the dark theme too (`…-dark.png`). */
const DARK_SCREENSHOTS = new Set(['guidance', 'discrete']);

/** A figure's lane readout `…: value` as a number. */
const offManifold = async (figure: Locator, lane: number) =>
  Number(
    /:\s*(\S+)$/.exec((await figure.getByTestId(`figure-off-${lane}`).textContent()) ?? '')?.[1],
  );

/** What a chapter's figures must show once they are done, beyond running. */
const ONCE_DONE: Record<string, (page: Page) => Promise<void>> = {
  // The naive run leaves the sphere, the geodesic walk stays on it.
  manifolds: async (page) => {
    const figure = page.getByTestId('figure-manifolds-sphere');
    // Step 1 of 30: the ambient state is at σ near its top (4), so |x| is several units, not 1.
    await figure.getByLabel('Reverse step').fill('1');
    expect(await offManifold(figure, 3)).toBeGreaterThan(1);
    // The geodesic walk moves by the exponential map: on the sphere to rounding error throughout.
    expect(await offManifold(figure, 0)).toBeLessThan(1e-9);
    await figure.getByLabel('Reverse step').fill('30');
    expect(await offManifold(figure, 0)).toBeLessThan(1e-9);
  },
  // The exact latent denoiser ends on training latents; at σ_s = 0 on none.
  latent: async (page) => {
    const plain = page.getByTestId('figure-latent-plain');
    // 21 frames: x_T and the 20 Heun steps; every one of the 200 samples on an encoded latent.
    await expect(plain).toHaveAttribute('data-frames', '21');
    await expect(plain.getByTestId('figure-memorised')).toHaveAttribute('data-on', '200');
    // No step at σ_s = 0: one frame, the prior draws, none of them a training latent.
    const truncated = page.getByTestId('figure-latent-truncated');
    await expect(truncated).toHaveAttribute('data-frames', '1');
    await expect(truncated.getByTestId('figure-memorised')).toHaveAttribute('data-on', '0');
  },
};

for (const chapter of CHAPTERS) {
  test(`course chapter ${chapter.id}: loads, runs its figures, reveals its answer`, async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`./#view=course&chapter=${chapter.id}&backend=wasm`);
    await activeBackend(page);
    await expect(page.getByTestId(`chapter-${chapter.id}`)).toBeVisible();
    await expect(page.getByTestId(`chapter-${chapter.id}`).locator('.katex').first()).toBeVisible();
    for (const spec of chapter.figures) {
      const figure = page.getByTestId(`figure-${chapter.id}-${spec.id}`);
      await figure.scrollIntoViewIfNeeded();
      if (chapter.question.figure === spec.id) {
        await expect(figure).toHaveAttribute('data-state', 'waiting');
        await figure.getByTestId(`predict-choice-${chapter.question.answer}`).check();
        await figure.getByTestId('predict-run').click();
      }
      await expect(figure).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
      if (chapter.question.figure === spec.id) {
        const answer = figure.getByTestId('predict-answer');
        await expect(answer).toBeVisible();
        await expect(answer).toHaveAttribute('data-correct', 'true');
      }
    }
    await ONCE_DONE[chapter.id]?.(page);
    // "Open in the full view" carries the figure's settings.
    const first = chapter.figures[0];
    await expect(
      page.getByTestId(`figure-${chapter.id}-${first.id}`).getByTestId('open-full-view'),
    ).toHaveAttribute('href', `#${first.hash}&backend=wasm`);
    const shot = SCREENSHOTS[chapter.id];
    if (shot) {
      const figure = page.getByTestId(`figure-${chapter.id}-${chapter.question.figure}`);
      await figure.scrollIntoViewIfNeeded();
      // Let the playback reach the run's last frame before the picture.
      if (await figure.getByTestId('figure-play').count())
        await expect(figure.getByTestId('figure-play')).toHaveText('Play', { timeout: 30_000 });
      await page.screenshot({ path: shot });
      if (DARK_SCREENSHOTS.has(chapter.id)) {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: shot.replace(/\.png$/, '-dark.png') });
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
}

test('course: a figure scrolled away mid-run is cancelled, and resumes on return; one worker', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 900 });
  // Annealed Langevin at four model calls per level: long enough to scroll away mid-run.
  await page.goto('./#view=course&chapter=score&backend=wasm');
  await activeBackend(page);
  const figure = page.getByTestId('figure-score-langevin');
  await figure.scrollIntoViewIfNeeded();
  // A wrong prediction (the answer is 0): the reveal marks it so.
  await figure.getByTestId('predict-choice-1').check();
  await figure.getByTestId('predict-run').click();
  await expect(figure).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await page.getByText('References', { exact: true }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(figure).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'idle');
  // No frame arrives after the cancel: the worker stopped the run.
  const frames = Number(await figure.getAttribute('data-frames'));
  expect(frames).toBeLessThan(31);
  await page.waitForTimeout(1500);
  expect(Number(await figure.getAttribute('data-frames'))).toBe(frames);
  // Back on screen: the run starts again and finishes.
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(figure.getByTestId('predict-answer')).toBeVisible();
  await expect(figure.getByTestId('predict-answer')).toHaveAttribute('data-correct', 'false');
  // One app worker for every figure (the WASM backend's own thread workers aside).
  const appWorkers = page.workers().filter((w) => /\/assets\/worker-[^/]*\.js$/.test(w.url()));
  expect(appWorkers).toHaveLength(1);
  expect(watched.consoleErrors).toEqual([]);
});
