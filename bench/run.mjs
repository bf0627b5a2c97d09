// `npm run bench`: sps-tui's own costs, each measured beside its baseline in the same run.
// Prints a table and writes bench/results.json. Not part of `npm test`: figures, not assertions.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/sps-tui.js');
const PLUGIN = join(ROOT, 'bench/plugins/bench-aa');
const SCENARIO = join(ROOT, 'bench/plugins/bench.yaml');
const CALLS = 200;
const work = mkdtempSync(join(tmpdir(), 'sps-tui-bench-'));
const COLD_RUNS = 11;

const { createPythonHost } = await import('../dist/host/python-host.js');
const { runScenario } = await import('../dist/runner/run-scenario.js');
const { readScenarioFile } = await import('../dist/scenario/parse.js');
const { HostPool } = await import('../dist/runner/host-pool.js');

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs) => sorted(xs)[Math.floor(xs.length * 0.95)];
const ms = (x) => (x === undefined ? 'n/a' : `${x.toFixed(2)} ms`);
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length } };
const table = [];
const row = (what, value, note = '') => {
  table.push([what, value, note]);
  console.error(`  ${what}: ${value} ${note}`);
};

const ARGS = { session_id: 'bench', cookie: {}, session_cookie: {}, key_value_pairs: { otp: '1' }, server_ip: '5.6.7.8' };

/** CPU (ms) a process and its waited-for children have used, from /proc (Linux); undefined elsewhere. */
const processCpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const [own, ownSys, kids, kidsSys] = [11, 12, 13, 14].map((i) => (Number(fields[i]) * 1000) / 100); // clock ticks
    return { server: own + ownSys, children: kids + kidsSys };
  } catch {
    return undefined;
  }
};
const pythonChildren = () => {
  const found = spawnSync('pgrep', ['-P', String(process.pid), 'python'], { encoding: 'utf8' }).stdout;
  return found.trim().split('\n').filter(Boolean).map(Number);
};

async function hookCalls(isolation, count, extra = {}, callOptions = {}) {
  const host = createPythonHost({ pluginDir: PLUGIN, configuration: '', isolation, ...extra });
  await host.call('authorize', ARGS, callOptions); // start-up is not per-call overhead
  const [pid] = pythonChildren();
  const cpuBefore = pid && processCpuMs(pid);
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await host.call('authorize', ARGS, callOptions);
    times.push(performance.now() - start);
  }
  const cpuAfter = pid && processCpuMs(pid);
  await host.close();
  const cpu = cpuBefore && cpuAfter
    ? { serverMs: (cpuAfter.server - cpuBefore.server) / count, childrenMs: (cpuAfter.children - cpuBefore.children) / count }
    : undefined;
  return { median: median(times), p95: p95(times), pythonCpuPerCall: cpu };
}

console.error('1. per-hook-call overhead');
const python = process.env.SPS_TUI_PYTHON ?? 'python3';
const baseline = JSON.parse(execFileSync(python, [join(ROOT, 'bench/plugins/baseline.py'), PLUGIN, JSON.stringify(ARGS), String(CALLS)], { encoding: 'utf8' }));
const fork = await hookCalls('fork', CALLS);
const spawn = await hookCalls('spawn', Math.min(CALLS, 200));
// Serving a recording: vcrpy imported in the fork server, the adapters and the guard installed in
// each child; the call makes no request, so this is the price of being hermetic.
const { ensureHelpers } = await import('../dist/host/helper-cache.js');
const helperPaths = await ensureHelpers(python, ['vcrpy'], { install: true });
const served = await hookCalls('fork', CALLS, { helperPaths }, { traffic: { mode: 'replay', entries: [], secrets: [] } });
results.hookCall = { calls: CALLS, baseline, fork, spawn, served, forkOverheadMedian: fork.median - baseline.median, servedOverheadMedian: served.median - baseline.median };
row('in-process Python loop (baseline)', `${ms(baseline.median)} median, ${ms(baseline.p95)} p95`);
row('fork mode', `${ms(fork.median)} median, ${ms(fork.p95)} p95`, `overhead ${ms(fork.median - baseline.median)} (target <= 3 ms)`);
row('spawn mode', `${ms(spawn.median)} median, ${ms(spawn.p95)} p95`, `${(spawn.median / fork.median).toFixed(1)}x fork`);
row('fork mode, serving a recording (no request)', `${ms(served.median)} median, ${ms(served.p95)} p95`, `overhead ${ms(served.median - baseline.median)} (target <= 3 ms)`);
// Throughput is bounded by CPU, not latency: what Python spends per call in fork mode, beside what
// a fork costs this interpreter before any hook code runs.
const floor = JSON.parse(execFileSync(python, [join(ROOT, 'bench/plugins/fork_floor.py'), join(ROOT, 'dist/host/python'), PLUGIN, String(CALLS)], { encoding: 'utf8' }));
results.hookCall.forkFloor = floor;
const floorMs = floor.exitAtOnce.parentMs + floor.exitAtOnce.childMs;
if (fork.pythonCpuPerCall) {
  const { serverMs, childrenMs } = fork.pythonCpuPerCall;
  row('fork mode, Python CPU per call', `${ms(serverMs + childrenMs)}`, `server ${ms(serverMs)} + child ${ms(childrenMs)}`);
}
row('fork + exit, no hook (the floor)', ms(floorMs), `parent ${ms(floor.exitAtOnce.parentMs)} + child ${ms(floor.exitAtOnce.childMs)}`);

console.error('2. a four-hook AA session');
const [scenario] = readScenarioFile(SCENARIO);
const pool = new HostPool();
await runScenario(scenario, { pool });
const sessionTimes = [];
for (let i = 0; i < 100; i++) {
  const start = performance.now();
  await runScenario(scenario, { pool });
  sessionTimes.push(performance.now() - start);
}
await pool.close();
/**
 * Median wall time of each command, run in turns (a, b, c, a, b, c, …) so that a machine slowing
 * down or speeding up during the run shifts every figure alike and the differences stay true.
 */
const timeProcesses = (commands) => {
  const times = commands.map(() => []);
  for (let i = 0; i < COLD_RUNS; i++) {
    commands.forEach(([command, args, options = {}], n) => {
      const start = performance.now();
      const result = spawnSync(command, args, { stdio: ['pipe', 'ignore', 'ignore'], ...options });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
      times[n].push(performance.now() - start);
    });
  }
  return times.map(median);
};
const pluginv = join(ROOT, '.venv-sdk/bin/pluginv');
const [cliSession, pluginvSession] = timeProcesses([
  ['node', [BIN, 'test', SCENARIO, '--recordings', join(work, 'cold')]],
  ...(existsSync(pluginv) ? [[pluginv, ['run-scenario', '-n', 'SshWithGatewayAuth'], { cwd: PLUGIN, input: '123456\n' }]] : []),
]);
results.session = { warmInProcessMedian: median(sessionTimes), cliColdMedian: cliSession, pluginvColdMedian: pluginvSession };
row('sps-tui, warm host, in process', ms(median(sessionTimes)), `${(1000 / median(sessionTimes)).toFixed(0)} sessions/s`);
row('sps-tui test, cold process', ms(cliSession));
row('pluginv run-scenario, cold process', pluginvSession === undefined ? 'n/a (run scripts/sdk-venv.sh)' : ms(pluginvSession), pluginvSession ? `sps-tui/pluginv ${(cliSession / pluginvSession).toFixed(2)}` : '');

console.error('3. replay throughput');
const recordings = (count) => {
  const dir = join(work, `recordings-${count}`);
  mkdirSync(dir, { recursive: true });
  // One recording made for real, then copied: every copy replays the same four-hook session.
  const first = join(dir, 'r0.yaml');
  if (!existsSync(first)) {
    const made = spawnSync('node', [BIN, 'test', SCENARIO, '--record', join(work, 'made'), '--force', '--recordings', join(work, 'snapshots')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`recording failed: ${made.stdout}${made.stderr}`);
    const file = execFileSync('find', [join(work, 'made'), '-name', '*.yaml'], { encoding: 'utf8' }).trim().split('\n')[0];
    const text = readFileSync(file, 'utf8').replace(/path: .*bench-aa.*/, `path: ${PLUGIN}`);
    for (let i = 0; i < count; i++) writeFileSync(join(dir, `r${i}.yaml`), text);
  }
  return dir;
};
/** One replay run as a user makes it; `liveHeap` instead samples the heap (its forced collections change peak RSS). */
const replay = (dir, jobs, { liveHeap = false } = {}) => {
  const start = performance.now();
  const env = liveHeap ? { ...process.env, NODE_OPTIONS: `--expose-gc --require ${join(ROOT, 'bench/live-heap.cjs')}` } : process.env;
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'node', BIN, 'replay', dir, '--jobs', String(jobs)], { encoding: 'utf8', env });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`replay exited ${result.status}: ${result.stdout.slice(-500)}${result.stderr.slice(-500)}`);
  const lines = result.stderr.trim().split('\n');
  const [peakKb, user, system] = lines.at(-1).split(' ').map(Number);
  const heap = Number(lines.find((line) => line.startsWith('live-heap-bytes '))?.split(' ')[1]);
  return { seconds, peakRssMb: peakKb / 1024, liveHeapMb: heap / 2 ** 20, cpuSeconds: user + system };
};
try {
  const dir200 = recordings(200);
  const one = replay(dir200, 1);
  const two = replay(dir200, 2);
  results.replay = { sessions: 200, jobs1PerSecond: 200 / one.seconds, jobs2PerSecond: 200 / two.seconds };
  row('replay 200, --jobs 1', `${(200 / one.seconds).toFixed(0)} sessions/s`);
  row('replay 200, --jobs 2', `${(200 / two.seconds).toFixed(0)} sessions/s`, '(target >= 150)');
  // Node and Python together: with every core busy, sessions/s cannot pass cores / CPU per session.
  const cpuPerSession = (two.cpuSeconds * 1000) / 200;
  const cores = results.machine.cpus;
  results.replay.cpuMsPerSession = cpuPerSession;
  row('replay CPU per session (Node + Python)', ms(cpuPerSession), `ceiling on ${cores} cores: ${((cores * 1000) / cpuPerSession).toFixed(0)} sessions/s`);

  console.error('5. memory');
  const dir2000 = recordings(2000);
  const big = replay(dir2000, 2);
  const [heap200, heap2000] = [dir200, dir2000].map((dir) => replay(dir, 2, { liveHeap: true }).liveHeapMb);
  results.memory = {
    peakRssMb200: two.peakRssMb,
    peakRssMb2000: big.peakRssMb,
    growth: big.peakRssMb / two.peakRssMb - 1,
    liveHeapMb200: heap200,
    liveHeapMb2000: heap2000,
  };
  row('peak RSS, replay of 200', `${two.peakRssMb.toFixed(0)} MB`);
  row('peak RSS, replay of 2000', `${big.peakRssMb.toFixed(0)} MB`, `${((big.peakRssMb / two.peakRssMb - 1) * 100).toFixed(0)}% more (target <= 20%)`);
  row('largest live heap after a full GC, 200 vs 2000', `${heap200.toFixed(1)} vs ${heap2000.toFixed(1)} MB`, 'what is retained, not garbage');
} catch (error) {
  results.replay = { error: String(error.message ?? error) };
  row('replay', `not measured: ${String(error.message ?? error).split('\n')[0]}`);
}

console.error('4. cold start');
// `python3` may be a version manager's shim (pyenv's costs ~100 ms a start): the same run with the real interpreter.
const realPython = execFileSync(python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const ticket = join(ROOT, 'scenarios/ticket.yaml');
const [nodeBaseline, version, testOne, testOneDirect, runPlain] = timeProcesses([
  ['node', ['-e', '0']],
  ['node', [BIN, '--version']],
  ['node', [BIN, 'test', ticket, '--filter', 'open ticket']],
  ['node', [BIN, 'test', ticket, '--filter', 'open ticket', '--python', realPython]],
  ['node', [BIN, 'run', '--plain', ticket]],
]);
results.coldStart = { node: nodeBaseline, version, testOneScenario: testOne, testOneScenarioDirectPython: testOneDirect, runPlainOneScenario: runPlain };
row('node -e 0', ms(nodeBaseline));
row('sps-tui --version', ms(version), `+${ms(version - nodeBaseline)} over node (target <= 80 ms)`);
row('sps-tui test, one scenario', ms(testOne), '(target <= 350 ms)');
row('sps-tui test, one scenario, --python <real interpreter>', ms(testOneDirect), realPython);
row('sps-tui run --plain, one scenario', ms(runPlain));

rmSync(work, { recursive: true, force: true });
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\n| measure | value | note |\n| --- | --- | --- |');
for (const [what, value, note] of table) console.log(`| ${what} | ${value} | ${note} |`);
console.log('\nwritten to bench/results.json');
