/**
 * Bad URL values in the newer views' fields (the discrete view's d… fields, the manifold view's,
 * the image view's restore and likelihood panels, `sigmas=`, the latent view's z… fields, the train
 * view's distillation fields, the lab's step-grid lane, the course and presentation): each
 * is named in a notice with what is used instead, the other fields of the link are kept, a run
 * started after the link was set finishes, and no NaN reaches the screen. One page, the links set
 * in turn.
 */
import { FIELDS } from '../src/state/fields';
import { activeBackend, expect, test, expectNoUnexplainedNaN } from './fixtures';

interface BadField {
  /** The link without the bad field: its fields must survive. */
  link: string;
  bad: string;
  says: string | RegExp;
  /** Whether the link runs a job whose end `run-status` shows (the course does not). */
  runs?: boolean;
}

const DISCRETE = 'backend=wasm&view=discrete&dset=names&dmodel=exact&dcount=4&dsteps=6&dseed=7';
const MANIFOLD = 'backend=wasm&view=manifold&manifold=sphere&mpart=60&msteps=12&mlat=20';
const RESTORE =
  'backend=wasm&view=images&model=digits&panel=restore&op=sr4&solver=ddrm&steps=3&image=2';
const LIKELIHOOD =
  'backend=wasm&view=images&model=digits&panel=likelihood&image=1&lkn=1&probes=1&steps=3&lkterms=4';
const REVERSE = 'backend=wasm&view=reverse&process=edm&n=200&seed=4';
const LATENT = 'backend=wasm&view=latent&zset=digits2&zpart=50&zsteps=4&zmap=0';
const TRAIN = 'backend=wasm&view=train&dataset=moons&tmode=distill';
const HYBRID = 'backend=wasm&view=train&dataset=moons&tmode=hybrid';
const TRAIN_VDM = 'backend=wasm&view=train&dataset=moons&tmode=vdm';
const LAB = 'backend=wasm&view=lab&dataset=moons';

const BAD_FIELDS: BadField[] = [
  { link: DISCRETE, bad: 'dsteps=abc', says: 'dsteps="abc" is not a number; using 32' },
  { link: DISCRETE, bad: 'dcount=100000', says: 'dcount=100000 is outside 1..256 (integers)' },
  { link: DISCRETE, bad: 'dset=<b>x</b>', says: 'dset="<b>x</b>" is not one of' },
  { link: DISCRETE, bad: 'dguide=-3', says: 'dguide=-3 is outside 0..8; using 0' },
  { link: DISCRETE, bad: 'dt=NaN', says: 'dt="NaN" is not a number; using 0.5' },
  { link: DISCRETE, bad: 'dfix=m4!', says: `dfix: "4!" not allowed` },
  { link: DISCRETE, bad: 'dpaint=xyz', says: 'dpaint: "xyz" is not 16 lower-case hex digits' },
  { link: MANIFOLD, bad: 'msteps=5', says: 'msteps=5 is outside 10..300 (integers); using 10' },
  { link: MANIFOLD, bad: 'mdata=nowhere', says: 'mdata="nowhere" is not one of' },
  { link: MANIFOLD, bad: 'mlon=east', says: 'mlon="east" is not a number; using 10' },
  { link: RESTORE, bad: 'sigy=2', says: 'sigy=2 is outside 0..1; using 1' },
  { link: RESTORE, bad: 'solver=magic', says: 'solver="magic" is not one of' },
  { link: RESTORE, bad: 'zeta=-1', says: 'zeta=-1 is outside 0..10; using 0' },
  { link: LIKELIHOOD, bad: 'lkn=0', says: 'lkn=0 is outside 1..40 (integers); using 1' },
  {
    link: LIKELIHOOD,
    bad: 'probes=1e9',
    says: /probes=1e9 is outside 1\.\.64 \(integers\); using 64/,
  },
  {
    link: REVERSE,
    bad: 'sigmas=5,abc,1',
    says: `sigmas ignored: σ #2 ("abc") is not a number > 0`,
  },
  { link: REVERSE, bad: 'sigmas=1,2,3', says: "sigmas ignored: σ's must be strictly descending" },
  { link: LATENT, bad: 'zmodel=magic', says: 'zmodel="magic" is not one of' },
  { link: LATENT, bad: 'zsteps=0', says: 'zsteps=0 is outside 1..200 (integers); using 1' },
  { link: LATENT, bad: 'zmap=sometimes', says: 'zmap="sometimes" is not true/false; using true' },
  { link: TRAIN, bad: 'tmode=teleport', says: 'tmode="teleport" is not one of', runs: false },
  { link: TRAIN, bad: 'tdn=1', says: 'tdn=1 is outside 2..256 (integers); using 2', runs: false },
  {
    link: TRAIN,
    bad: 'tround=0',
    says: 'tround=0 is outside 1..100000 (integers); using 1',
    runs: false,
  },
  {
    link: TRAIN,
    bad: 'tlevels=500',
    says: 'tlevels=500 is outside 3..200 (integers); using 200',
    runs: false,
  },
  { link: HYBRID, bad: 'tlambda=-1', says: 'tlambda=-1 is outside 0..1; using 0', runs: false },
  {
    link: HYBRID,
    bad: 'tvsteps=1',
    says: 'tvsteps=1 is outside 2..1000 (integers); using 2',
    runs: false,
  },
  { link: TRAIN_VDM, bad: 'tvg0=-30', says: 'tvg0=-30 is outside -20..-1; using -20', runs: false },
  { link: TRAIN_VDM, bad: 'tvg1=0', says: 'tvg1=0 is outside 1..15; using 1', runs: false },
  {
    link: TRAIN_VDM,
    bad: 'tvw=0',
    says: 'tvw=0 is outside 1..256 (integers); using 1',
    runs: false,
  },
  {
    link: TRAIN_VDM,
    bad: 'tvlr=2',
    says: 'tvlr=2 is outside 0.00001..0.5; using 0.5',
    runs: false,
  },
  {
    link: TRAIN_VDM,
    bad: 'tvn=0',
    says: 'tvn=0 is outside 1..1000 (integers); using 1',
    runs: false,
  },
  { link: LAB, bad: 'lglane=9', says: 'lglane=9 is outside 0..5 (integers); using 5', runs: false },
  { link: 'view=course', bad: 'chapter=nope', says: 'chapter="nope" is not one of', runs: false },
  {
    link: 'view=course',
    bad: 'present=maybe',
    says: 'present="maybe" is not true/false; using false',
    runs: false,
  },
];

const DEFAULTS = new Map<string, string>(FIELDS.map((f) => [f.name, String(f.default)]));
const nameOf = (kv: string) => kv.split('=')[0];

/**
 * The row's link: its own fields without the one the bad value replaces, a fresh seed (so each
 * row that runs is a new run), then the bad value. Returns the fields the URL must keep (those
 * not at their default, which the URL leaves out).
 */
function rowLink(c: BadField, row: number): { link: string; keeps: string[] } {
  const own = c.link
    .split('&')
    .filter((kv) => nameOf(kv) !== nameOf(c.bad))
    .map((kv) => kv.replace(/^(d?seed)=\d+$/, `$1=${100 + row}`));
  if (c.runs !== false && !own.some((kv) => /^d?seed=/.test(kv))) own.push(`seed=${100 + row}`);
  const keeps = own.filter((kv) => DEFAULTS.get(nameOf(kv)) !== kv.slice(nameOf(kv).length + 1));
  return { link: [...own, c.bad].join('&'), keeps };
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('bad values in the newer views’ fields', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(300_000);

  test('each is named with what is used instead; the link’s other fields are kept; a run started after the link finishes', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm');
    await activeBackend(page);
    for (const [i, c] of BAD_FIELDS.entries()) {
      await test.step(c.bad, async () => {
        const notice = page.getByTestId('notices').getByText(c.says);
        const before = await notice.count();
        const status = page.getByTestId('run-status');
        const runsBefore = Number(await status.getAttribute('data-runs'));
        const { link, keeps } = rowLink(c, i);
        await page.evaluate((h) => (window.location.hash = h), `#${link}`);
        await expect.poll(() => notice.count()).toBeGreaterThan(before);
        for (const kept of keeps)
          await expect(page).toHaveURL(new RegExp(`[#&]${escaped(kept)}(&|$)`));
        if (c.runs !== false) {
          // A run newer than the link (not the previous row's `done`) reaches done.
          await expect
            .poll(async () => Number(await status.getAttribute('data-runs')))
            .toBeGreaterThan(runsBefore);
          await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
        }
        await expectNoUnexplainedNaN(page);
      });
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
