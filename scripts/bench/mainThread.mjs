// Phases (c) and (d) on the main thread of the real app: long tasks and dropped frames while
// 10,000 particles play back, and the time from a slider change to the first frame of the new run.
import { readyBackend, summary } from './browser.mjs';

const RUN_TIMEOUT = 300_000;

async function waitRunDone(page) {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="run-status"]')?.getAttribute('data-state');
      if (s === 'error') throw new Error('the run failed');
      return s === 'done';
    },
    null,
    { timeout: RUN_TIMEOUT, polling: 250 },
  );
}

/**
 * Plays the computed frames from step 0 to the end and records long tasks (PerformanceObserver)
 * and requestAnimationFrame gaps: a gap of k frame intervals drops k − 1 frames.
 */
function playbackProbe() {
  return new Promise((resolve) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const readout = document.querySelector('[data-testid="step-readout"]');
    const stamps = [];
    const t0 = performance.now();
    let started = false;
    const tick = (now) => {
      stamps.push(now);
      started ||= readout.dataset.step !== readout.dataset.total;
      const done = started && readout.dataset.step === readout.dataset.total;
      if (done || now - t0 > 60_000) {
        observer.disconnect();
        const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
        const sorted = [...gaps].sort((a, b) => a - b);
        const interval = sorted[sorted.length >> 1] || 1000 / 60;
        const dropped = gaps.reduce((n, g) => n + Math.max(0, Math.round(g / interval) - 1), 0);
        resolve({
          ms: now - t0,
          frames: stamps.length,
          frameIntervalMs: interval,
          droppedFrames: dropped,
          worstGapMs: sorted[sorted.length - 1] ?? 0,
          longTasks: longTasks.length,
          longTasksOver50: longTasks.filter((d) => d > 50).length,
          longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
        });
        return;
      }
      requestAnimationFrame(tick);
    };
    document.querySelector('[data-testid="play-pause"]').click();
    requestAnimationFrame(tick);
  });
}

/** Moves the Steps slider to `target` and resolves at the first painted frame of the new run. */
function sliderProbe(target) {
  return new Promise((resolve) => {
    const slider = document.querySelector('input[aria-label="Steps slider"]');
    const readout = document.querySelector('[data-testid="step-readout"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    let t0 = 0;
    const observer = new MutationObserver(() => {
      // The new run's frame 0 is shown once the readout has the new total and a σ.
      if (readout.dataset.total !== String(target) || !readout.textContent.includes('σ')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    observer.observe(readout, {
      attributes: true,
      childList: true,
      subtree: true,
      characterData: true,
    });
    t0 = performance.now();
    setValue.call(slider, String(Math.log10(target)));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** (c): playback of `n` particles, `repeats` times on one page. */
export async function benchPlayback(context, baseUrl, { particles, steps, repeats }) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}#n=${particles}&steps=${steps}`);
  const backend = await readyBackend(page);
  await waitRunDone(page);
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    // The app follows a live run; start each playback paused at the last frame.
    await page.waitForFunction(
      () => {
        const r = document.querySelector('[data-testid="step-readout"]');
        const button = document.querySelector('[data-testid="play-pause"]');
        return r.dataset.step === r.dataset.total && button.getAttribute('aria-label') === 'Play';
      },
      null,
      { timeout: RUN_TIMEOUT, polling: 250 },
    );
    runs.push(await page.evaluate(playbackProbe));
  }
  await page.close();
  const pick = (k) => summary(runs.map((r) => r[k]));
  return {
    backend: backend.id,
    backendNotice: backend.notice,
    particles,
    steps,
    runs,
    longTasksOver50: pick('longTasksOver50'),
    longestTaskMs: pick('longestTaskMs'),
    droppedFrames: pick('droppedFrames'),
    frames: pick('frames'),
    worstGapMs: pick('worstGapMs'),
  };
}

/** (d): slider → first new frame, alternating the step count so every change starts a run. */
export async function benchSlider(context, baseUrl, { particles, steps, model, repeats }) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}#n=${particles}&steps=${steps}&model=${model}`);
  const backend = await readyBackend(page);
  await waitRunDone(page);
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const target = i % 2 === 0 ? Math.round(steps * 0.8) : steps;
    times.push(await page.evaluate(sliderProbe, target));
    await waitRunDone(page);
  }
  await page.close();
  return { backend: backend.id, model, particles, ms: summary(times), runs: times };
}
