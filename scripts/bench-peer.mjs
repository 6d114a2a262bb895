// The bench's phase (g) alone: the peer's DDPM-200 job on one and two WASM threads.
//   node scripts/bench-peer.mjs [--repeats=3] [--port=4320] [--no-build]
import { buildApp, launchBrowser, serve } from './bench/browser.mjs';
import { benchPeerJob, peerTable, peerTargets } from './bench/peerJob.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
if (!process.argv.includes('--no-build')) buildApp();
const server = await serve(Number(arg('port', '4320')));
const { browser } = await launchBrowser();
try {
  const rows = await benchPeerJob(browser, server.url, Number(arg('repeats', '3')), console.log);
  console.log(`\n${peerTable(rows)}\n`);
  for (const t of peerTargets(rows))
    console.log(`- ${t.target}: ${t.value} (${t.pass ? 'pass' : 'MISS'})`);
} finally {
  await browser.close();
  server.stop();
}
