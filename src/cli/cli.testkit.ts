import { main } from './main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** main() with captured stdout and stderr (tests only). */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** The JSON a successful run printed (tests navigate it freely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runCliJson(...argv: string[]): Promise<Record<string, any>> {
  const r = await runCli(...argv);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
