'use strict';
// waspada serve: the class server. `waspada serve` (sim/cmd-serve.c) reads the command line,
// prints the addresses, class code, password and QR code, then runs this with its settings in
// WASPADA_SERVE_*. Each pupil gets the real waspada binary on a pseudo-terminal (node-pty),
// drawn in the browser by xterm.js over a WebSocket (ws). docs/serve.md has the threat model.
const fs = require('fs');
const path = require('path');
const http = require('http');
const https = require('https');
const os = require('os');
const crypto = require('crypto');
const { execFile } = require('child_process');
const pty = require('node-pty');
const { WebSocketServer } = require('ws');

const env = process.env;
const cfg = {
  host: env.WASPADA_SERVE_HOST || '0.0.0.0',
  port: Number(env.WASPADA_SERVE_PORT || 8080),
  max: Number(env.WASPADA_SERVE_MAX || 40),
  code: env.WASPADA_SERVE_CLASS || '',
  password: env.WASPADA_SERVE_PASSWORD || '',
  results: env.WASPADA_SERVE_RESULTS || '',
  bin: env.WASPADA_SERVE_BIN || '',
  cert: env.WASPADA_SERVE_CERT, key: env.WASPADA_SERVE_KEY,
  // Limits of each pupil's process (setrlimit through prlimit before waspada starts).
  cpuSeconds: Number(env.WASPADA_SERVE_CPU || 600),
  memBytes: Number(env.WASPADA_SERVE_MEM || 512 * 1024 * 1024),
  joinsPerIpMinute: Number(env.WASPADA_SERVE_JOINS_PER_IP || 60),
  connsPerIpMinute: Number(env.WASPADA_SERVE_CONNS_PER_IP || 120),
  idleMinutes: Number(env.WASPADA_SERVE_IDLE_MINUTES || 30),
};
// None of the secrets reach a pupil's process: its environment is built from nothing.
for (const k of Object.keys(env)) if (k.startsWith('WASPADA_SERVE_')) delete env[k];
if (!cfg.code || !cfg.password || !cfg.results || !cfg.bin) {
  console.error('waspada serve: start me with `waspada serve` (see docs/serve.md)');
  process.exit(2);
}

const ROOT = __dirname;
const MOD = path.join(ROOT, 'node_modules');
// Every file the server ever sends: a fixed table, so no path from a URL touches the disk.
const STATIC = {
  '/': ['public/index.html', 'text/html; charset=utf-8'],
  '/teacher': ['public/teacher.html', 'text/html; charset=utf-8'],
  '/app.js': ['public/app.js', 'text/javascript; charset=utf-8'],
  '/teacher.js': ['public/teacher.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['public/style.css', 'text/css; charset=utf-8'],
  '/xterm.js': ['node_modules/@xterm/xterm/lib/xterm.js', 'text/javascript; charset=utf-8'],
  '/xterm.css': ['node_modules/@xterm/xterm/css/xterm.css', 'text/css; charset=utf-8'],
  '/addon-fit.js': ['node_modules/@xterm/addon-fit/lib/addon-fit.js', 'text/javascript; charset=utf-8'],
  '/addon-unicode11.js': ['node_modules/@xterm/addon-unicode11/lib/addon-unicode11.js', 'text/javascript; charset=utf-8'],
};
const cache = {};
for (const [url, [file]] of Object.entries(STATIC)) cache[url] = fs.readFileSync(path.join(ROOT, file));
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => fs.existsSync(p));

const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

// ---- rate limits: a sliding minute per key ----
const buckets = new Map();
function allow(key, perMinute) {
  const now = Date.now();
  let b = buckets.get(key);
  if (!b || now - b.start > 60000) { b = { start: now, n: 0 }; buckets.set(key, b); }
  b.n++;
  return b.n <= perMinute;
}
setInterval(() => {
  const now = Date.now();
  for (const [k, b] of buckets) if (now - b.start > 60000) buckets.delete(k);
}, 60000).unref();

// ---- secrets compared in constant time ----
const digest = (s) => crypto.createHash('sha256').update(String(s)).digest();
const same = (a, b) => crypto.timingSafeEqual(digest(a), digest(b));

// ---- pupils ----
// A pupil is known by a random token the server gives at the first join and the browser keeps;
// only its hash is written down (pupils.json), so the class folder holds no usable token.
const pupilsFile = path.join(cfg.results, 'pupils.json');
let known = {};
try { known = JSON.parse(fs.readFileSync(pupilsFile, 'utf8')); } catch { known = {}; }
const sessions = new Map(); // token hash -> session
function saveKnown() {
  const tmp = pupilsFile + '.tmp';
  fs.writeFileSync(tmp, JSON.stringify(known, null, 1), { mode: 0o600 });
  fs.renameSync(tmp, pupilsFile);
}

// A nickname keeps letters (any script), digits, spaces and - _ . ; at most 24 characters.
function cleanNick(s) {
  if (typeof s !== 'string') return '';
  return s.normalize('NFC').replace(/[^\p{L}\p{N} ._-]/gu, '').replace(/\s+/g, ' ').trim().slice(0, 24);
}
// The folder name: the nickname in ASCII plus a piece of the token's hash, so two pupils with
// one nickname never share a file and a name can never climb out of the class folder.
function folderFor(nick, hash) {
  const ascii = nick.normalize('NFKD').replace(/ /g, '_').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 16) || 'pupil';
  return `${ascii}-${hash.slice(0, 8)}`;
}

// --max counts pupils' processes: a pupil who closed the tab keeps a seat until they come back
// or the idle time ends.
function runningCount() {
  let n = 0;
  for (const s of sessions.values()) if (s.ws || s.proc) n++;
  return n;
}

function connectedCount() {
  let n = 0;
  for (const s of sessions.values()) if (s.ws) n++;
  return n;
}

// Start the waspada chat screen for a session: only the waspada binary, with arguments this
// server chose (the language and plain mode are picked from fixed lists), never the client's.
function spawnPupil(s, cols, rows) {
  const dir = path.join(cfg.results, s.folder);
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true, mode: 0o700 });
  const args = s.reader ? ['--plain', '--lang', s.lang] : ['--lang', s.lang];
  const childEnv = {
    PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color',
    XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'),
    WASPADA_RESULTS: path.join(dir, 'results.jsonl'), WASPADA_NICKNAME: s.nick, WASPADA_CLASS: cfg.code,
  };
  let file = cfg.bin, argv = args;
  if (PRLIMIT) {
    // prlimit sets the limits and execs waspada: after that only waspada runs.
    file = PRLIMIT;
    argv = [`--cpu=${cfg.cpuSeconds}`, `--as=${cfg.memBytes}`, '--core=0', '--nofile=64',
      `--fsize=${64 * 1024 * 1024}`, '--', cfg.bin, ...args];
  }
  const p = pty.spawn(file, argv, { name: 'xterm-256color', cols, rows, cwd: dir, env: childEnv });
  s.proc = p;
  s.exited = false;
  p.onData((d) => {
    if (s.ws && s.ws.readyState === 1) s.ws.send(Buffer.from(d, 'utf8'), { binary: true });
  });
  p.onExit(({ exitCode, signal }) => {
    if (s.proc !== p) return;
    s.proc = null;
    s.exited = true;
    log(`pupil ${s.folder}: waspada ended (exit ${exitCode}${signal ? ', signal ' + signal : ''})`);
    if (s.ws && s.ws.readyState === 1) s.ws.send(JSON.stringify({ t: 'ended', code: exitCode, signal }));
  });
}

// Redraw a resumed screen: ncurses draws everything again after a change of size.
function redraw(s, cols, rows) {
  if (!s.proc) return;
  try {
    s.proc.resize(cols, Math.max(rows - 1, 5));
    setTimeout(() => { try { if (s.proc) s.proc.resize(cols, rows); } catch { /* ended */ } }, 60);
  } catch { /* ended meanwhile */ }
}

function endSession(s, why) {
  if (s.proc) { try { s.proc.kill('SIGHUP'); } catch { /* gone */ } }
  if (s.ws) { try { s.ws.close(1001, why); } catch { /* gone */ } }
}

// A session nobody has looked at for a long time gives its process back (its answers are
// saved turn by turn; joining again resumes from the results file).
setInterval(() => {
  const now = Date.now();
  for (const s of sessions.values())
    if (!s.ws && s.proc && now - s.lastSeen > cfg.idleMinutes * 60000) endSession(s, 'idle');
}, 30000).unref();

// ---- HTTP ----
const securityHeaders = {
  'Content-Security-Policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
if (cfg.cert) securityHeaders['Strict-Transport-Security'] = 'max-age=31536000';

function send(res, status, type, body, extra) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, ...(extra || {}) });
  res.end(body);
}

// The teacher's password, by HTTP Basic authentication (any user name); failures are capped.
function teacherOk(req, res) {
  const ip = req.socket.remoteAddress;
  const h = req.headers.authorization || '';
  const m = /^Basic ([A-Za-z0-9+/=]{1,200})$/.exec(h);
  if (m) {
    const pass = Buffer.from(m[1], 'base64').toString('utf8').replace(/^[^:]*:/, '');
    if (same(pass, cfg.password)) return true;
    if (!allow('teacher-fail:' + ip, 10)) { send(res, 429, 'text/plain', 'Too many tries; wait a minute.\n'); return false; }
  }
  send(res, 401, 'text/plain; charset=utf-8', 'The teacher\'s password is needed.\n',
    { 'WWW-Authenticate': 'Basic realm="Waspada teacher", charset="UTF-8"' });
  return false;
}

// Titles and question counts of the shipped scenarios, by language and id, for the teacher's
// page (from `waspada list --json`, once at start).
const scenarios = {};
execFile(cfg.bin, ['list', '--json'], { timeout: 20000, maxBuffer: 8 * 1024 * 1024, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } },
  (err, stdout) => {
    for (const line of String(stdout || '').split('\n')) {
      try { const o = JSON.parse(line); scenarios[`${o.lang}/${o.id}`] = { title: o.title, questions: o.questions }; } catch { /* not a line */ }
    }
  });

// What a pupil's results file says: the scenario and question they are at, answers and score.
function progressOf(folder) {
  const out = { scenario: null, question: 0, answers: 0, right: 0, finished: 0, score: null, lastTime: null };
  let text;
  try {
    const fd = fs.openSync(path.join(cfg.results, folder, 'results.jsonl'), 'r');
    const size = fs.fstatSync(fd).size, n = Math.min(size, 4 * 1024 * 1024);
    const buf = Buffer.alloc(n);
    fs.readSync(fd, buf, 0, n, size - n);
    fs.closeSync(fd);
    text = buf.toString('utf8');
  } catch { return out; }
  const attempts = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    let r;
    try { r = JSON.parse(line); } catch { continue; }
    if (!r || typeof r !== 'object') continue;
    out.lastTime = r.time || out.lastTime;
    if (r.type === 'start') {
      attempts.set(r.attempt, { scenario: r.scenario, lang: r.lang, turns: 0 });
    } else if (r.type === 'turn') {
      const a = attempts.get(r.attempt);
      if (a) a.turns++;
      out.answers++;
      if (r.outcome === 'right') out.right++;
    } else if (r.type === 'end') {
      const a = attempts.get(r.attempt);
      if (a) a.ended = true;
      out.finished++;
      if (typeof r.score === 'number') out.score = r.score;
    }
    // The attempt written last is the one the pupil is in (a resumed attempt writes again).
    if (r.attempt && attempts.has(r.attempt)) out.current = attempts.get(r.attempt);
  }
  const a = out.current;
  delete out.current;
  if (a) {
    const info = scenarios[`${a.lang}/${a.scenario}`] || {};
    out.scenario = a.scenario;
    out.title = info.title || a.scenario;
    out.questions = info.questions || null;
    out.question = a.ended ? null : a.turns + 1; // the question they are at (null: finished)
  }
  return out;
}

function classStatus() {
  const pupils = [];
  for (const [hash, k] of Object.entries(known)) {
    const s = sessions.get(hash);
    pupils.push({
      nick: k.nick, lang: k.lang, reader: !!k.reader, folder: k.folder,
      connected: !!(s && s.ws), playing: !!(s && s.proc), ...progressOf(k.folder),
    });
  }
  pupils.sort((a, b) => a.nick.localeCompare(b.nick));
  const total = pupils.reduce((n, p) => n + p.answers, 0);
  return { code: cfg.code, max: cfg.max, connected: connectedCount(), pupils, answers: total };
}

// The class report by the waspada binary itself: --html when that command has it, else --csv.
function report(kind, res) {
  const args = ['report', kind, cfg.results];
  execFile(cfg.bin, args, { timeout: 20000, maxBuffer: 32 * 1024 * 1024, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } },
    (err, stdout, stderr) => {
      if (err && !stdout) {
        send(res, kind === '--html' ? 404 : 500, 'text/plain; charset=utf-8', (stderr || String(err)).slice(0, 2000));
        return;
      }
      // The picture report is shown in a frame of the teacher's page (and runs no script).
      const extra = kind === '--html' ? { 'X-Frame-Options': 'SAMEORIGIN', 'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'" } : {};
      send(res, 200, kind === '--html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8', stdout, extra);
    });
}

function onRequest(req, res) {
  const ip = req.socket.remoteAddress;
  if (!allow('http:' + ip, 600)) { send(res, 429, 'text/plain', 'Too many requests.\n'); return; }
  if (req.method !== 'GET' && req.method !== 'HEAD') { send(res, 405, 'text/plain', 'Method not allowed.\n'); return; }
  const url = (req.url || '/').split('?')[0];
  if (url === '/teacher' || url.startsWith('/teacher/')) {
    if (!teacherOk(req, res)) return;
    if (url === '/teacher/status') return send(res, 200, 'application/json', JSON.stringify(classStatus()));
    if (url === '/teacher/report.csv') return report('--csv', res);
    if (url === '/teacher/report.html') return report('--html', res);
  }
  const f = STATIC[url];
  if (!f) { send(res, 404, 'text/plain', 'Not found.\n'); return; }
  send(res, 200, f[1], cache[url]);
}

const server = cfg.cert
  ? https.createServer({ cert: fs.readFileSync(cfg.cert), key: fs.readFileSync(cfg.key) }, onRequest)
  : http.createServer(onRequest);
server.headersTimeout = 10000;
server.requestTimeout = 15000;

// ---- WebSocket: the terminal ----
// Names the server answers to: its own addresses and host name. A page elsewhere (another
// origin, or a DNS name rebound to this machine) is refused.
function hostAllowed(hostHeader) {
  if (!hostHeader) return false;
  const h = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  const names = new Set(['localhost', '127.0.0.1', '::1', cfg.host, os.hostname().toLowerCase(),
    os.hostname().toLowerCase() + '.local']);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list || []) names.add(a.address);
  return names.has(h);
}
function originOk(req) {
  const origin = req.headers.origin, host = req.headers.host;
  if (!origin || !host || !hostAllowed(host)) return false;
  return origin === `${cfg.cert ? 'https' : 'http'}://${host}`;
}

const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) => {
  const ip = req.socket.remoteAddress;
  const refuse = (code, text) => {
    log(`refused a connection from ${ip}: ${text}`);
    socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\n\r\n`);
  };
  if ((req.url || '').split('?')[0] !== '/pty') return refuse(404, 'Not Found');
  if (!originOk(req)) return refuse(403, 'Forbidden');
  if (!allow('conn:' + ip, cfg.connsPerIpMinute)) return refuse(429, 'Too Many Requests');
  wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, ip));
});

function num(v, lo, hi) {
  return Number.isInteger(v) && v >= lo && v <= hi;
}

// The protocol: the browser's first message is a join {t:'join', code, nick, lang, reader,
// token?, cols, rows}; then {t:'in', d: keys} and {t:'size', cols, rows}. The server sends the
// terminal's output as binary frames and a few JSON messages (token, ended, error).
function onSocket(ws, ip) {
  let s = null;
  const bad = (why) => {
    log(`closed a connection from ${ip}: ${why}`);
    try { ws.send(JSON.stringify({ t: 'error', why })); } catch { /* closed */ }
    ws.close(1008, why.slice(0, 100));
  };
  const joinTimer = setTimeout(() => { if (!s) bad('no join'); }, 15000);
  ws.on('message', (data, isBinary) => {
    let m;
    if (isBinary || data.length > 4096) return bad('malformed message');
    try { m = JSON.parse(data.toString('utf8')); } catch { return bad('malformed message'); }
    if (!m || typeof m !== 'object' || typeof m.t !== 'string') return bad('malformed message');
    if (!s) {
      if (m.t !== 'join') return bad('join first');
      return join(m);
    }
    if (s.ws !== ws) return; // this tab was replaced by a newer one: its keys go nowhere
    s.lastSeen = Date.now();
    if (m.t === 'in') {
      if (typeof m.d !== 'string' || m.d.length > 1024) return bad('malformed message');
      if (s.proc) s.proc.write(m.d);
      else if (s.exited && (m.d === '\r' || m.d === ' ')) { spawnPupil(s, s.cols, s.rows); }
    } else if (m.t === 'size') {
      if (!num(m.cols, 20, 400) || !num(m.rows, 8, 200)) return bad('malformed size');
      s.cols = m.cols; s.rows = m.rows;
      if (s.proc) { try { s.proc.resize(m.cols, m.rows); } catch { /* ended */ } }
    } else {
      return bad('unknown message');
    }
  });
  ws.on('close', () => {
    clearTimeout(joinTimer);
    if (s && s.ws === ws) { s.ws = null; s.lastSeen = Date.now(); log(`pupil ${s.folder} left (the chat waits)`); }
  });
  ws.on('error', () => { /* closed by the peer; 'close' follows */ });

  function join(m) {
    if (!allow('join:' + ip, cfg.joinsPerIpMinute) || !allow('join', cfg.max * 4)) return bad('too many joins; wait a minute');
    if (typeof m.code !== 'string' || !same(m.code.trim().toUpperCase(), cfg.code.toUpperCase())) return bad('wrong class code');
    if (!num(m.cols, 20, 400) || !num(m.rows, 8, 200)) return bad('malformed size');
    const lang = m.lang === 'en' ? 'en' : 'id';
    const reader = m.reader === true;
    let hash = null, token = null;
    if (typeof m.token === 'string' && /^[0-9a-f]{64}$/.test(m.token)) {
      const h = digest(m.token).toString('hex');
      if (known[h]) { hash = h; token = m.token; }
    }
    if (!hash) {
      const nick = cleanNick(m.nick);
      if (!nick) return bad('nickname needed');
      token = crypto.randomBytes(32).toString('hex');
      hash = digest(token).toString('hex');
      known[hash] = { nick, lang, reader, folder: folderFor(nick, hash), joined: new Date().toISOString() };
      saveKnown();
    }
    const k = known[hash];
    s = sessions.get(hash);
    if (s && s.ws && s.ws !== ws) {
      // The same pupil in a new tab: the old tab lets go.
      const old = s.ws;
      s.ws = null;
      try { old.send(JSON.stringify({ t: 'error', why: 'opened elsewhere' })); old.close(1000, 'opened elsewhere'); } catch { /* gone */ }
    }
    if (!s && runningCount() >= cfg.max) { s = null; return bad('the class is full'); }
    if (!s) {
      s = { hash, nick: k.nick, lang: k.lang, reader: k.reader, folder: k.folder, proc: null, ws: null, exited: false };
      sessions.set(hash, s);
    }
    clearTimeout(joinTimer);
    s.ws = ws; s.cols = m.cols; s.rows = m.rows; s.lastSeen = Date.now();
    ws.send(JSON.stringify({ t: 'token', token, nick: k.nick, lang: k.lang, reader: k.reader }));
    if (s.proc) { log(`pupil ${s.folder} came back`); redraw(s, m.cols, m.rows); } else {
      log(`pupil ${s.folder} joined from ${ip}`);
      try { spawnPupil(s, m.cols, m.rows); } catch (e) { return bad('cannot start waspada'); }
    }
  }
}

// ---- start and stop ----
server.on('error', (e) => {
  console.error(`waspada serve: cannot listen on ${cfg.host}:${cfg.port} (${e.code || e.message})`);
  process.exit(2);
});
server.listen(cfg.port, cfg.host, () => log(`listening on ${cfg.host}:${cfg.port}`));

let stopping = false;
// Ctrl-C: every pupil's waspada is hung up (it saves its turn and ends), then the server ends.
function stop(sig) {
  if (stopping) return;
  stopping = true;
  log(`stopping (${sig}); every answer so far is saved in ${cfg.results}`);
  server.close();
  for (const s of sessions.values()) endSession(s, 'the class has ended');
  const until = Date.now() + 3000;
  const wait = setInterval(() => {
    let alive = 0;
    for (const s of sessions.values()) if (s.proc) alive++;
    if (alive === 0 || Date.now() > until) {
      for (const s of sessions.values()) if (s.proc) { try { s.proc.kill('SIGKILL'); } catch { /* gone */ } }
      clearInterval(wait);
      process.exit(0);
    }
  }, 50);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGHUP'));
