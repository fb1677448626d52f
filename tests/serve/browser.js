'use strict';
// waspada serve in a real browser (headless Chromium driven by puppeteer-core), and its faults.
// Usage: node tests/serve/browser.js WASPADA-BIN SCRATCH-DIR [SCREENSHOT-DIR]
// Prints "PASS name" / "FAIL name: why" lines; exits 1 if any failed.
const path = require('path');
const fs = require('fs');
const net = require('net');
const { spawn, execFileSync } = require('child_process');
const ROOT = path.resolve(__dirname, '../..');
const puppeteer = require(path.join(ROOT, 'serve/node_modules/puppeteer-core'));
const WebSocket = require(path.join(ROOT, 'serve/node_modules/ws'));

const [BIN, TMP, SHOTS] = process.argv.slice(2);
const CODE = 'KELAS7';
const results = path.join(TMP, 'class');
let failed = 0;
const pass = (n) => console.log(`PASS serve/${n}`);
const fail = (n, why) => { failed++; console.log(`FAIL serve/${n}: ${why}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  });
}

// Start `waspada serve` and read the password it prints.
async function startServer(port) {
  const p = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--class', CODE, '--results', results, '--max', '5'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WASPADA_SERVE_CPU: '120' } });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  for (let i = 0; i < 100 && !/listening on/.test(out); i++) await sleep(100);
  const m = /Teacher's password: (\S+)/.exec(out);
  if (!m) throw new Error('serve did not start: ' + out);
  p.password = m[1];
  p.output = () => out;
  return p;
}

const screenText = (page) => page.evaluate(() => {
  const r = document.querySelector('.xterm-rows');
  return r ? r.innerText : '';
});
async function waitText(page, re, ms = 30000) {
  const until = Date.now() + ms;
  let t = '';
  while (Date.now() < until) {
    t = await screenText(page);
    if (re.test(t)) return t;
    await sleep(100);
  }
  throw new Error(`waited for ${re} on the screen; it shows:\n${t}`);
}
// Wait for the chat menu; a first launch asks first whether to start with the beginner questions
// (issue 13): the class here plays every warning sign, so "n".
async function toMenu(page, re, ms = 30000) {
  const until = Date.now() + ms;
  let t = '';
  while (Date.now() < until) {
    t = await screenText(page);
    if (re.test(t)) return t;
    if (/beginner questions\?|tingkat pemula\?/.test(t)) await page.keyboard.press('n');
    await sleep(150);
  }
  throw new Error(`waited for ${re} on the screen; it shows:\n${t}`);
}
// Press Enter until the question or its feedback is on the screen (messages come one by one).
async function toQuestion(page, re, ms = 60000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const t = await screenText(page);
    if (re.test(t)) return t;
    if (/Enter: (mulai|lanjut|start|continue|next)/i.test(t)) await page.keyboard.press('Enter');
    await sleep(400);
  }
  throw new Error(`no ${re}:\n${await screenText(page)}`);
}
function turns(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && JSON.parse(l).type === 'turn').map(JSON.parse);
  } catch { return []; }
}
function pupilFile(nickPrefix) {
  const d = fs.readdirSync(results).find((n) => n.startsWith(nickPrefix + '-'));
  return d ? path.join(results, d, 'results.jsonl') : null;
}
async function step(name, fn) {
  try { await fn(); pass(name); } catch (e) { fail(name, String(e && e.stack || e).split('\n').slice(0, 12).join('\n    ')); }
}

(async () => {
  fs.mkdirSync(TMP, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  let server = await startServer(port);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  let page, aniFile = null; // Ani's results file, found once (a later pupil takes the same nickname)
  try {
    await step('page loads from the machine alone', async () => {
      page = await browser.newPage();
      await page.setViewport({ width: 1100, height: 720 });
      const outside = [];
      page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
      await page.goto(base, { waitUntil: 'load' });
      await page.waitForSelector('#code', { visible: true });
      if (outside.length) throw new Error('asked the network for ' + outside.join(' '));
    });

    await step('a wrong class code is refused', async () => {
      await page.type('#code', 'NOPE1');
      await page.type('#nick', 'Ani');
      await page.click('#go');
      await page.waitForFunction(() => /salah|Wrong/.test(document.getElementById('msg').textContent), { timeout: 10000 });
    });

    await step('join, play to the first question, answer, see the feedback', async () => {
      await page.evaluate(() => { document.getElementById('code').value = ''; document.getElementById('nick').value = ''; });
      await page.type('#code', CODE.toLowerCase());
      await page.type('#nick', 'Ani <script>');
      await page.click('#go');
      await toMenu(page, /Pilih obrolan/);
      await page.keyboard.press('Enter');
      const t = await toQuestion(page, /Apa yang kamu perhatikan/);
      if (!/😮/.test(t)) throw new Error('the emoji is not on the screen:\n' + t);
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      await waitText(page, /Jawabanmu/);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'serve-feedback.png') });
      const f = aniFile = pupilFile('Ani_script');
      if (!f) throw new Error('no pupil folder for Ani in ' + fs.readdirSync(results));
      if (turns(f).length !== 1) throw new Error(`results hold ${turns(f).length} answers, not 1`);
      const start = JSON.parse(fs.readFileSync(f, 'utf8').split('\n')[0]);
      if (start.nickname !== 'Ani script' || start.class !== CODE) throw new Error('start record: ' + JSON.stringify(start));
    });

    await step('close the tab, open it again: the chat resumes where it was', async () => {
      await page.close();
      await sleep(300);
      page = await browser.newPage();
      await page.setViewport({ width: 1100, height: 720 });
      await page.goto(base, { waitUntil: 'load' });
      await waitText(page, /SkyBuilder99/);
      const t = await toQuestion(page, /Apa yang kamu perhatikan/);
      if (/Pilih obrolan/.test(t)) throw new Error('back at the menu');
      await page.keyboard.press('0');
      await page.keyboard.press('Enter');
      await waitText(page, /Jawabanmu/);
      const n = turns(aniFile).length;
      if (n !== 2) throw new Error(`results hold ${n} answers, not 2`);
    });

    let phone;
    await step('a phone-sized screen joins in English and plays', async () => {
      const ctx = await browser.createBrowserContext();
      phone = await ctx.newPage();
      await phone.setViewport({ width: 390, height: 760, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await phone.goto(base, { waitUntil: 'load' });
      await phone.type('#code', CODE);
      await phone.type('#nick', 'Budi');
      await phone.click('input[value=en]');
      await phone.click('#go');
      const t = await toMenu(phone, /Choose a chat/);
      if (/needs|too small|terlalu kecil/i.test(t)) throw new Error('the screen is too small:\n' + t);
      await phone.keyboard.press('Enter');
      await toQuestion(phone, /What do you notice/);
      if (SHOTS) await phone.screenshot({ path: path.join(SHOTS, 'serve-phone.png') });
      await phone.keyboard.press('0');
      await phone.keyboard.press('Enter');
      await sleep(500);
      if (turns(pupilFile('Budi')).length !== 1) throw new Error('Budi\'s answer is not saved');
    });

    await step('a screen-reader user gets plain mode and xterm.js\'s screen-reader mode', async () => {
      const ctx = await browser.createBrowserContext();
      const sr = await ctx.newPage();
      await sr.setViewport({ width: 1000, height: 700 });
      await sr.goto(base, { waitUntil: 'load' });
      await sr.type('#code', CODE);
      await sr.type('#nick', 'Citra');
      await sr.click('input[value=en]');
      await sr.click('#reader');
      await sr.click('#go');
      await waitText(sr, /Your choice \(one number\)/);
      // xterm.js mirrors the screen into an accessible tree a screen reader reads.
      await sr.waitForFunction(() => /The castle builder/.test((document.querySelector('.xterm-accessibility-tree') || {}).textContent || ''), { timeout: 10000 });
      await sr.keyboard.type('1\n');
      await waitText(sr, /Answer with the numbers/);
      await waitText(sr, /What do you notice/);
      await sr.keyboard.type('1 3\n');
      await sleep(1000);
      const t = turns(pupilFile('Citra'));
      if (t.length !== 1 || t[0].answer.length !== 2) throw new Error('plain answer: ' + JSON.stringify(t));
      if (/\x1b\[/.test(await screenText(sr))) throw new Error('escape codes on the plain screen');
      await ctx.close();
    });

    await step('the teacher page needs the password; the class code does not open it', async () => {
      const auth = (p) => ({ Authorization: 'Basic ' + Buffer.from('guru:' + p).toString('base64') });
      let r = await fetch(base + 'teacher/status');
      if (r.status !== 401) throw new Error('no password: ' + r.status);
      r = await fetch(base + 'teacher/status', { headers: auth(CODE) });
      if (r.status !== 401) throw new Error('class code: ' + r.status);
      r = await fetch(base + 'teacher/status', { headers: auth(server.password) });
      const s = await r.json();
      const ani = s.pupils.find((p) => p.nick === 'Ani script');
      if (!ani || !ani.connected || ani.scenario !== 'blockhaven-stranger' || ani.title !== 'Si pembangun kastil' ||
          ani.answers !== 2 || ani.question < 3 || ani.questions !== 13)
        throw new Error(JSON.stringify(s));
      r = await fetch(base + 'teacher/report.csv', { headers: auth(server.password) });
      const csv = await r.text();
      if (!/blockhaven-stranger/.test(csv) || !/Budi/.test(csv)) throw new Error('report: ' + csv);
      const tp = await browser.newPage();
      await tp.authenticate({ username: 'guru', password: server.password });
      await tp.setViewport({ width: 1100, height: 700 });
      await tp.goto(base + 'teacher', { waitUntil: 'load' });
      await tp.waitForFunction(() => document.querySelectorAll('#pupils tbody tr').length >= 2, { timeout: 10000 });
      await tp.waitForFunction(() => document.querySelector('#report table, #report iframe'), { timeout: 10000 });
      if (SHOTS) await tp.screenshot({ path: path.join(SHOTS, 'serve-teacher.png'), fullPage: true });
      await tp.close();
    });

    await step('a pupil cannot reach another\'s results: same nickname, a forged token, a path for a name', async () => {
      const joinAs = (msg) => new Promise((ok) => {
        const w = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: `http://127.0.0.1:${port}` });
        const got = [];
        w.on('open', () => w.send(JSON.stringify({ t: 'join', code: CODE, cols: 80, rows: 24, lang: 'id', ...msg })));
        w.on('message', (d, bin) => { if (!bin) got.push(JSON.parse(d.toString())); });
        setTimeout(() => { w.close(); ok(got); }, 1500);
      });
      const ani = aniFile, before = fs.readFileSync(ani, 'utf8');
      const known = JSON.parse(fs.readFileSync(path.join(results, 'pupils.json'), 'utf8'));
      // The hash written in pupils.json is no token: used as one, it starts a new pupil.
      const hash = Object.keys(known).find((h) => known[h].nick === 'Ani script');
      const a = await joinAs({ nick: 'Ani script', token: hash });
      const b = await joinAs({ nick: '../../../etc/passwd' });
      const tokA = a.find((m) => m.t === 'token'), tokB = b.find((m) => m.t === 'token');
      if (!tokA || !tokB || tokA.token === hash) throw new Error(JSON.stringify([a, b]));
      const now = JSON.parse(fs.readFileSync(path.join(results, 'pupils.json'), 'utf8'));
      const folders = Object.values(now).map((k) => k.folder);
      if (new Set(folders).size !== folders.length) throw new Error('two pupils share a folder: ' + folders);
      if (!folders.every((f) => /^[A-Za-z0-9_-]+-[0-9a-f]{8}$/.test(f))) throw new Error('folder names: ' + folders);
      if (fs.readFileSync(ani, 'utf8').slice(0, before.length) !== before) throw new Error('Ani\'s results changed');
      if ((fs.statSync(results).mode & 0o077) !== 0) throw new Error('the class folder is open to other users');
    });

    await step('a cross-origin page cannot open a pupil\'s terminal', async () => {
      const ok = await new Promise((res) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: 'http://evil.example' });
        ws.on('open', () => res(false));
        ws.on('unexpected-response', (req, r) => res(r.statusCode === 403));
        ws.on('error', () => res(true));
      });
      if (!ok) throw new Error('a WebSocket from http://evil.example was accepted');
      // And a DNS name rebound to this machine: its Origin matches its Host, but the name is not ours.
      const ok2 = await new Promise((res) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: 'http://evil.example:' + port, headers: { Host: 'evil.example:' + port } });
        ws.on('open', () => res(false));
        ws.on('unexpected-response', (req, r) => res(r.statusCode === 403));
        ws.on('error', () => res(true));
      });
      if (!ok2) throw new Error('a rebound host name was accepted');
    });

    await step('malformed frames are refused and the class goes on', async () => {
      // A raw socket: a proper handshake, then bytes that are no WebSocket frame.
      const got = await new Promise((res) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.write(`GET /pty HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
            'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
            'Sec-WebSocket-Version: 13\r\n\r\n');
        });
        let buf = '', sent = false;
        s.on('data', (d) => {
          buf += d.toString('latin1');
          if (!sent && buf.includes('\r\n\r\n')) { sent = true; s.write(Buffer.from([0x8f, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])); }
        });
        s.on('close', () => res(buf));
        setTimeout(() => { s.destroy(); res('still open'); }, 5000);
      });
      if (!/101 Switching/.test(got) || got === 'still open') throw new Error('server answer: ' + got.slice(0, 200));
      // Text that is not the protocol: closed with 1008, no process started.
      const code = await new Promise((res) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: `http://127.0.0.1:${port}` });
        ws.on('open', () => ws.send('{"t":"join","code":"' + CODE + '","nick":"x","cols":"80; rm -rf /","rows":24}'));
        ws.on('close', (c) => res(c));
      });
      if (code !== 1008) throw new Error('closed with ' + code);
      const big = await new Promise((res) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/pty`, { origin: `http://127.0.0.1:${port}` });
        ws.on('open', () => ws.send('x'.repeat(100000)));
        ws.on('close', (c) => res(c));
        ws.on('error', () => {});
      });
      if (big !== 1009) throw new Error('a 100 kB frame closed with ' + big);
      const r = await fetch(base);
      if (r.status !== 200) throw new Error('the server stopped answering');
      await page.keyboard.press('?');
      await waitText(page, /bantuan|Bantuan|help/i, 10000);
      await page.keyboard.press('Escape');
    });

    await step('a pupil\'s process that crashes does not take the others down', async () => {
      const f = pupilFile('Budi');
      const folder = path.dirname(f);
      // The pupil's waspada is the process whose working folder is the pupil's folder.
      const pid = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).find((d) => {
        try { return fs.readlinkSync(`/proc/${d}/cwd`) === folder && fs.readlinkSync(`/proc/${d}/exe`) === fs.realpathSync(BIN); } catch { return false; }
      });
      if (!pid) throw new Error('no waspada process for Budi');
      const limits = fs.readFileSync(`/proc/${pid}/limits`, 'utf8');
      if (!/Max cpu time\s+120\s/.test(limits) || !/Max address space\s+\d+/.test(limits)) throw new Error('limits:\n' + limits);
      process.kill(Number(pid), 'SIGSEGV');
      await sleep(500);
      await waitText(page, /./);
      const before = await screenText(page);
      await page.keyboard.press('Enter');
      await sleep(800);
      const after = await screenText(page);
      if (before === after && !/Jawabanmu|Apa yang/.test(after)) throw new Error('Ani\'s screen no longer moves');
      const r = await fetch(base);
      if (r.status !== 200) throw new Error('the server went down');
      await phone.waitForFunction(() => /ended|selesai/.test(document.getElementById('status').textContent), { timeout: 5000 });
    });

    await step('the server killed mid-lesson keeps every answer; joining again resumes', async () => {
      const f = aniFile;
      await toQuestion(page, /Apa yang kamu perhatikan/);
      await page.keyboard.press('2');
      await page.keyboard.press('Enter');
      await waitText(page, /Jawabanmu/);
      const n = turns(f).length;
      if (n !== 3) throw new Error(`${n} answers before the kill, not 3`);
      server.kill('SIGKILL');
      await sleep(300);
      if (turns(f).length !== 3) throw new Error('answers lost');
      // The pupils' processes outlive a SIGKILLed server only until their terminal closes.
      server = await startServer(port);
      await toMenu(page, /Pilih obrolan/, 30000);
      await page.keyboard.press('Enter');
      await waitText(page, /Lanjutkan|continue|lanjut/i);
      await page.keyboard.press('y');
      await toQuestion(page, /Apa yang kamu perhatikan/);
      await page.keyboard.press('0');
      await page.keyboard.press('Enter');
      await waitText(page, /Jawabanmu/);
      const all = turns(f);
      if (all.length !== 4) throw new Error(`${all.length} answers after resuming, not 4`);
      if (new Set(all.map((t) => t.attempt)).size !== 1) throw new Error('the resumed answers are not in the same attempt');
      if (new Set(all.map((t) => t.step)).size !== 4) throw new Error('a question was asked twice: ' + all.map((t) => t.step));
    });

    await step('Ctrl-C stops the server cleanly', async () => {
      server.kill('SIGINT');
      const code = await new Promise((res) => server.on('exit', (c) => res(c)));
      if (code !== 0) throw new Error('exit ' + code + '\n' + server.output());
      // Every pupil's waspada has ended with it.
      await sleep(300);
      const left = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
        try { return fs.readlinkSync(`/proc/${d}/cwd`).startsWith(results + '/'); } catch { return false; }
      });
      if (left.length) throw new Error('pupils\' processes left: ' + left.join(' '));
    });

    await step('caps: --max pupils at once, joins a minute from one address', async () => {
      const cport = await freePort();
      const p = spawn(BIN, ['serve', '--listen', `127.0.0.1:${cport}`, '--class', CODE, '--results', path.join(TMP, 'caps'), '--max', '1'],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WASPADA_SERVE_JOINS_PER_IP: '3' } });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      try {
        for (let i = 0; i < 100 && !/listening on/.test(out); i++) await sleep(100);
        const open = [];
        const joinAs = (nick) => new Promise((ok) => {
          const w = new WebSocket(`ws://127.0.0.1:${cport}/pty`, { origin: `http://127.0.0.1:${cport}` });
          open.push(w);
          w.on('open', () => w.send(JSON.stringify({ t: 'join', code: CODE, nick, cols: 80, rows: 24 })));
          w.on('message', (d, bin) => { if (!bin) { const m = JSON.parse(d.toString()); if (m.t !== 'ended') ok(m.t === 'token' ? 'in' : m.why); } });
          w.on('close', () => ok('closed'));
        });
        const r = [await joinAs('a'), await joinAs('b'), await joinAs('c'), await joinAs('d')];
        if (r.join() !== 'in,the class is full,the class is full,too many joins; wait a minute') throw new Error(r.join());
        open.forEach((w) => w.close());
      } finally {
        p.kill('SIGINT');
      }
    });

    await step('with --tls-cert and --tls-key it serves HTTPS and wss only from its own origin', async () => {
      const key = path.join(TMP, 'key.pem'), cert = path.join(TMP, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
        '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      const tport = await freePort();
      const p = spawn(BIN, ['serve', '--listen', `127.0.0.1:${tport}`, '--class', CODE, '--results', results,
        '--tls-cert', cert, '--tls-key', key], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.stderr.on('data', (d) => { out += d; });
      try {
        for (let i = 0; i < 100 && !/listening on/.test(out); i++) await sleep(100);
        if (!out.includes(`https://127.0.0.1:${tport}/`)) throw new Error('no https address printed:\n' + out);
        // Chromium would refuse the self-signed certificate: Node's client checks the server.
        const https = require('https');
        const res = await new Promise((ok, ko) => https.get({ host: '127.0.0.1', port: tport, path: '/', rejectUnauthorized: false },
          (r) => { r.resume(); ok(r); }).on('error', ko));
        if (res.statusCode !== 200 || !/max-age/.test(res.headers['strict-transport-security'] || '')) throw new Error('https answer ' + res.statusCode);
        const plain = await new Promise((ok) => {
          const s2 = net.connect(tport, '127.0.0.1', () => s2.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
          let b = ''; s2.on('data', (d) => { b += d.toString('latin1'); }); s2.on('close', () => ok(b)); s2.on('error', () => ok(b));
          setTimeout(() => { s2.destroy(); ok(b); }, 3000);
        });
        if (/200 OK/.test(plain)) throw new Error('plain HTTP answered on the TLS port');
        const wsOk = await new Promise((ok) => {
          const w = new WebSocket(`wss://127.0.0.1:${tport}/pty`, { origin: `http://127.0.0.1:${tport}`, rejectUnauthorized: false });
          w.on('open', () => ok(false)); w.on('unexpected-response', (q, r) => ok(r.statusCode === 403)); w.on('error', () => ok(true));
        });
        if (!wsOk) throw new Error('wss accepted an http:// origin');
        const wsGood = await new Promise((ok) => {
          const w = new WebSocket(`wss://127.0.0.1:${tport}/pty`, { origin: `https://127.0.0.1:${tport}`, rejectUnauthorized: false });
          w.on('open', () => { w.close(); ok(true); }); w.on('error', () => ok(false));
        });
        if (!wsGood) throw new Error('wss refused its own origin');
      } finally {
        p.kill('SIGINT');
      }
    });
  } catch (e) {
    fail('harness', String(e && e.stack || e));
  } finally {
    await browser.close().catch(() => {});
    try { server.kill('SIGKILL'); } catch { /* gone */ }
  }
  process.exit(failed ? 1 : 0);
})();
