'use strict';
// make bench, waspada serve: N simulated pupils at once on loopback, each a WebSocket client
// with a headless xterm.js reading its screen, playing the real chat screen for a while:
// Enter through the messages, and at each question two option keys toggled on and off before
// the answer. Measured: keypress -> the next screen update (the option keys, while nothing else
// is drawing), resident memory of the server and every pupil's waspada, CPU, and whether every
// answer sent is in the pupils' results files.
// Usage: node scripts/bench-serve.js WASPADA-BIN [PUPILS] [SECONDS]
const path = require('path');
const fs = require('fs');
const os = require('os');
const net = require('net');
const { spawn } = require('child_process');
const ROOT = path.resolve(__dirname, '..');
const WebSocket = require(path.join(ROOT, 'serve/node_modules/ws'));
const { Terminal } = require(path.join(ROOT, 'serve/node_modules/@xterm/headless'));

const BIN = path.resolve(process.argv[2] || 'build/waspada');
const PUPILS = Number(process.argv[3] || 40);
const SECONDS = Number(process.argv[4] || 60);
const CODE = 'BENCH';
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-serve-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HZ = 100; // clock ticks a second in /proc/PID/stat (USER_HZ on Linux)

function freePort() {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  });
}
function children(pid) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}
// Resident and proportional set size (kB) and CPU ticks of a process.
function usage(pid) {
  try {
    const r = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').slice(0);
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return { rss: Number(/^Rss:\s+(\d+)/m.exec(r)[1]), pss: Number(/^Pss:\s+(\d+)/m.exec(r)[1]),
      ticks: Number(f[11]) + Number(f[12]) };
  } catch { return { rss: 0, pss: 0, ticks: 0 }; }
}
function pct(v, p) {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

// One simulated pupil.
function pupil(i, port, lat, stats) {
  const term = new Terminal({ cols: 100, rows: 30, allowProposedApi: true });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: `http://127.0.0.1:${port}` });
  let waiting = null, lastOut = Date.now(), answers = 0;
  const screen = () => {
    const b = term.buffer.active, rows = [];
    for (let y = 0; y < term.rows; y++) rows.push(b.getLine(y).translateToString(true));
    return rows.join('\n');
  };
  const key = (d, timed) => new Promise((res) => {
    const t0 = process.hrtime.bigint();
    const mine = () => { clearTimeout(timer); if (timed) lat.push(Number(process.hrtime.bigint() - t0) / 1e6); res(); };
    const timer = setTimeout(() => { if (waiting === mine) { waiting = null; if (timed) { stats.noEcho++; if (process.env.DEBUG) console.error('NOECHO', JSON.stringify(d), screen().split('\n').slice(-4).join(' | ')); } res(); } }, 5000);
    waiting = mine;
    ws.send(JSON.stringify({ t: 'in', d }));
  });
  // Wait until the screen has been still for ms (at most two seconds: a typing animation moves).
  const settle = async (ms) => {
    const end = Date.now() + 2000;
    while (Date.now() - lastOut < ms && Date.now() < end) await sleep(20);
  };
  ws.on('message', (data, isBinary) => {
    if (!isBinary) { const m = JSON.parse(data.toString()); if (m.t === 'error') stats.errors.push(m.why); return; }
    lastOut = Date.now();
    term.write(data);
    if (waiting) { const w = waiting; waiting = null; w(); }
  });
  ws.on('close', () => { stats.closed++; });
  const opened = new Promise((res, rej) => { ws.on('open', res); ws.on('error', rej); });
  return {
    async run(until) {
      await opened;
      ws.send(JSON.stringify({ t: 'join', code: CODE, nick: `pupil${i}`, lang: i % 2 ? 'en' : 'id', cols: 100, rows: 30 }));
      while (Date.now() < until) {
        await settle(150);
        await sleep(100 + Math.random() * 200); // the pupil reads and thinks
        const s = screen();
        if (process.env.DEBUG === '2' && i === 0) console.error(s.split('\n').filter((l) => l.trim()).slice(-3).join(' | '));
        if (/What do you notice|Apa yang kamu perhatikan/.test(s)) {
          // Arrows and Space (digits would run together into option 12).
          // Option numbers 3 to 9 (no option 30 or more, so no digit waits for a second one).
          for (const k of ['3', '4', '4', '5', '5']) {
            await key(k, true);
            await sleep(120 + Math.random() * 120);
          }
          await key('\r', false);
          answers++;
          await settle(150);
        } else if (/Enter: (start|continue|next|mulai|lanjut)/i.test(s)) {
          await key('\r', false);
        } else if (/beginner questions\?|tingkat pemula\?/.test(s)) {
          await key('n', false);   // a first launch: every warning sign, as a class plays
        } else if (/Choose a chat|Pilih obrolan/.test(s)) {
          await key('\r', false);
        } else {
          // A reply to choose, or a screen this script does not know: the first option.
          await key('1', false); await sleep(100); await key('\r', false);
        }
      }
      // Let the last answer be written before the results are read.
      await settle(500);
      stats.sent += answers;
      return answers;
    },
    close() { ws.close(); },
  };
}

(async () => {
  const port = await freePort();
  const server = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--class', CODE, '--results', TMP, '--max', String(PUPILS)],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => { out += d; });
  server.stderr.on('data', (d) => { out += d; });
  for (let i = 0; i < 100 && !/listening on/.test(out); i++) await sleep(100);
  if (!/listening on/.test(out)) { console.error(out); process.exit(1); }

  const lat = [], stats = { sent: 0, noEcho: 0, closed: 0, errors: [] };
  const ps = Array.from({ length: PUPILS }, (_, i) => pupil(i, port, lat, stats));
  const t0 = Date.now(), until = t0 + SECONDS * 1000;
  const runs = ps.map((p) => p.run(until));
  // Memory and CPU while the class plays: sampled every two seconds, the peak kept.
  let peak = { rss: 0, pss: 0, n: 0, server: 0 }, cpu0 = null, cpu1 = null, c0 = process.cpuUsage();
  const sample = () => {
    const pids = [server.pid, ...children(server.pid)];
    let rss = 0, pss = 0, ticks = 0;
    for (const pid of pids) { const u = usage(pid); rss += u.rss; pss += u.pss; ticks += u.ticks; }
    if (rss > peak.rss) peak = { rss, pss, n: pids.length - 1, server: usage(server.pid).rss };
    return { ticks, t: Date.now() };
  };
  const timer = setInterval(() => { const s = sample(); if (!cpu0 && Date.now() - t0 > 5000) cpu0 = s; cpu1 = s; }, 2000);
  await Promise.all(runs);
  clearInterval(timer);
  const cpuClient = process.cpuUsage(c0);
  ps.forEach((p) => p.close());
  await sleep(300);
  server.kill('SIGINT');
  await new Promise((r) => server.on('exit', r));

  let recorded = 0;
  for (const d of fs.readdirSync(TMP)) {
    const f = path.join(TMP, d, 'results.jsonl');
    if (!fs.existsSync(f)) continue;
    recorded += fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('"type":"turn"')).length;
  }
  const wall = cpu1 && cpu0 ? (cpu1.t - cpu0.t) / 1000 : 1;
  const cpuServer = cpu1 && cpu0 ? (cpu1.ticks - cpu0.ticks) / HZ / wall : 0;
  const mb = (k) => (k / 1024).toFixed(0);
  const f = (x) => x.toFixed(1);
  console.log(`waspada serve, ${PUPILS} pupils on loopback for ${SECONDS} s (${os.cpus().length} cores):`);
  console.log(`  keypress -> screen update   p50 ${f(pct(lat, 50))} ms   p95 ${f(pct(lat, 95))} ms   p99 ${f(pct(lat, 99))} ms   max ${f(pct(lat, 100))} ms   (${lat.length} keys; goal p99 < 50 ms)`);
  console.log(`  memory, server + ${peak.n} waspada   RSS ${mb(peak.rss)} MB   PSS ${mb(peak.pss)} MB   (goal < 1024 MB)`);
  console.log(`    of which the Node server     RSS ${mb(peak.server)} MB; each waspada about ${mb((peak.rss - peak.server) / Math.max(peak.n, 1))} MB RSS`);
  console.log(`  CPU, server + pupils        ${f(cpuServer * 100)} % of one core   (the simulated pupils' own: ${f((cpuClient.user + cpuClient.system) / 1e4 / SECONDS)} %)`);
  console.log(`  answers                     ${stats.sent} sent, ${recorded} in the results files` +
    `${stats.noEcho ? `, ${stats.noEcho} keys without an echo` : ''}${stats.errors.length ? ', errors: ' + stats.errors.join(' ') : ''}   (goal: nothing lost)`);
  fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(0);
})();
