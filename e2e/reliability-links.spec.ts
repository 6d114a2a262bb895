/**
 * Reliability, links: malformed, hostile and out-of-range links and parameters, each with a
 * clear message, a working app afterwards and the user's other fields kept. The rows share one
 * page (one worker start); each opens a new run with its own seed.
 */
import { expect, test } from './fixtures';
import { badInputTests, choose, onePage, type BadInput } from './reliabilityKit';

const BAD_LINKS: BadInput[] = [
  // Malformed and hostile links.
  {
    name: 'malformed percent-encoding',
    hash: '%E0%A4%A',
    says: /unknown URL parameter ".*" ignored/,
  },
  {
    name: 'malformed percent-encoding in a value',
    hash: 'steps=%E0%A4%A',
    says: /steps=".*%A" is not a number; using 50/,
  },
  {
    name: 'a script element as a value',
    hash: 'steps=<script>alert(1)</script>',
    says: 'steps="<script>alert(1)</script>" is not a number',
  },
  {
    name: 'an HTML payload as a choice',
    hash: 'dataset=<img src=x onerror=alert(1)>',
    says: 'dataset="<img src=x onerror=alert(1)>" is not one of',
  },
  {
    name: 'a javascript: URL as the view',
    hash: 'view=javascript:alert(1)',
    says: 'view="javascript:alert(1)" is not one of',
  },
  {
    name: 'a repeated key',
    hash: 'n=300&n=200',
    says: 'n is given more than once; using the last value',
    keeps: ['n=200'],
  },
  {
    name: 'a 10 KB value',
    hash: `note=${'a'.repeat(10_240)}`,
    says: 'unknown URL parameter "note" ignored',
    keeps: ['n=100'],
  },
  {
    name: 'a 10 KB hash of unknown keys',
    hash: Array.from({ length: 1024 }, (_, i) => `param${i}=1`).join('&'),
    says: '… and 1016 more problems in the link',
    keeps: ['n=100'],
  },
  {
    name: '__proto__ keys',
    hash: '__proto__=1&__proto__[steps]=9',
    says: 'unknown URL parameter "__proto__" ignored',
    keeps: ['steps=6'],
  },
  {
    name: 'constructor and toString as keys',
    hash: 'constructor=1&toString=2',
    says: 'unknown URL parameter "toString" ignored',
  },
  {
    name: 'empty keys and stray separators',
    hash: '=5&&&=&',
    says: 'unknown URL parameter "" ignored',
  },
  { name: 'a key without a value', hash: 'steps', says: 'steps="" is not a number; using 50' },
  { name: 'a double-encoded value', hash: 'steps=%2535', says: 'steps="%35" is not a number' },
  { name: 'a NUL byte', hash: 'seed=%00', says: /seed=".*" is not a number; using 0/ },
  {
    name: 'a right-to-left override in a choice',
    hash: 'dataset=%E2%80%AEsnoom',
    says: /dataset=".*snoom" is not one of/,
  },
  // Out-of-range and non-numeric parameters.
  {
    name: 'an unknown guidance kind',
    hash: 'guide=clip',
    says: 'guide="clip" is not one of',
  },
  {
    name: 'a disc radius out of range',
    hash: 'region=disc&rcx=1.2&rrad=99',
    says: /rrad=99 is outside 0\.05\.\.3; using 3/,
    keeps: ['region=disc'],
  },
  {
    name: 'steps = 1e9',
    hash: 'steps=1e9',
    says: 'steps=1e9 is outside 1..1000 (integers); using 1000',
    keeps: ['steps=1000'],
    ends: 'long',
  },
  {
    name: 'negative steps',
    hash: 'steps=-5',
    says: 'steps=-5 is outside 1..1000 (integers); using 1',
  },
  {
    name: 'fractional steps',
    hash: 'steps=2.5',
    says: 'steps=2.5 is outside 1..1000 (integers); using 3',
  },
  {
    name: 'more WASM threads than the pool holds',
    hash: 'threads=99',
    says: 'threads=99 is outside 0..8 (integers); using 8',
    keeps: ['threads=8'],
  },
  {
    name: 'negative threads',
    hash: 'threads=-2',
    says: 'threads=-2 is outside 0..8 (integers); using 0',
  },
  {
    name: 'threads not a number',
    hash: 'threads=many',
    says: 'threads="many" is not a number; using 0',
  },
  { name: 'steps = NaN', hash: 'steps=NaN', says: 'steps="NaN" is not a number; using 50' },
  { name: 'steps = Infinity', hash: 'steps=Infinity', says: 'steps="Infinity" is not a number' },
  {
    name: 'a million particles',
    hash: 'n=1e6',
    says: 'n=1e6 is outside 100..20000 (integers); using 20000',
    keeps: ['n=20000'],
  },
  {
    name: 'a negative seed',
    hash: 'seed=-1',
    says: 'seed=-1 is outside 0..2147483647 (integers); using 0',
  },
  { name: 'seed = 1e20', hash: 'seed=1e20', says: 'using 2147483647' },
  {
    name: 'sigma_max = 1e30',
    hash: 'process=ve&sigma_max=1e30',
    says: 'sigma_max=1e30 is outside 1..1000; using 1000',
    keeps: ['process=ve', 'sigma_max=1000'],
  },
  {
    name: 'a negative sigma_max',
    hash: 'process=edm&sigma_max=-3',
    says: 'sigma_max=-3 is outside 1..1000; using 1',
  },
  {
    name: 'sigma_max on the discrete process',
    hash: 'sigma_max=80',
    says: 'sigma_max applies to the continuous processes; vp-discrete ignores it',
  },
  {
    name: 't out of range (forward view)',
    hash: 'view=forward&t=2',
    says: 't=2 is outside 0..1; using 1',
    then: (page) => expect(page.getByTestId('forward-readout')).toContainText('t = 999'),
  },
  // The latent view's fields (read in every view, reported wherever the link lands).
  {
    name: 'a million latent particles',
    hash: 'zpart=1e6',
    says: 'zpart=1e6 is outside 1..10000 (integers); using 10000',
  },
  {
    name: 'a negative truncation σ',
    hash: 'zsigma=-1',
    says: 'zsigma=-1 is outside 0..20; using 0',
  },
  { name: 'an unknown latent set', hash: 'zset=cifar', says: 'zset="cifar" is not one of' },
  {
    name: 'an inversion as the latent sampler',
    hash: 'zsampler=ddim-inversion',
    says: 'zsampler="ddim-inversion" is not one of',
  },
  { name: 'a latent class past the last', hash: 'zclass=10', says: 'zclass=10 is outside -1..9' },
  {
    name: 'guidance not a number',
    hash: 'zguide=strong',
    says: 'zguide="strong" is not a number; using 1',
  },
  { name: 'speed 0', hash: 'speed=0', says: 'speed=0 is outside 0.25..8; using 0.25' },
  {
    name: 'a toggle that is neither',
    hash: 'ghosts=maybe',
    says: 'ghosts="maybe" is not true/false; using false',
  },
  { name: 'an unknown sampler', hash: 'sampler=magic', says: 'sampler="magic" is not one of' },
  { name: 'an unknown process', hash: 'process=quantum', says: 'process="quantum" is not one of' },
  {
    name: 'a sampler parameter out of range',
    hash: 'sampler=heun&sChurn=1e9',
    says: 'heun: sChurn=1e9 is outside 0..100; using 100',
  },
  {
    name: 'a parameter the sampler does not have',
    hash: 'sampler=euler&eta=0.5',
    says: 'sampler euler has no parameter "eta"',
  },
  {
    name: 'an unknown key in an old-style sp= link',
    hash: 'sp=nope:1',
    says: 'unknown URL parameter "nope" ignored',
  },
  {
    name: 'a non-numeric sampler parameter',
    hash: 'sampler=ddim&eta=abc',
    says: 'ddim: eta="abc" is not a number',
  },
  {
    name: 'settings the sampler refuses',
    hash: 'process=ve&sampler=midpoint&coordinates=process',
    says: 'midpoint: σ = 0 has no finite time on process "ve"',
    keeps: ['sampler=midpoint'],
    ends: 'error',
    recover: (page) => choose(page, 'process-select', 'edm'),
  },
];

test.describe('on one page: bad links and parameters', () => {
  test.describe.configure({ mode: 'serial' });
  badInputTests(BAD_LINKS, onePage());
});
