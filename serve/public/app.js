'use strict';
// The pupil's page: join (class code, nickname, language, screen reader), then the waspada
// chat screen in xterm.js over a WebSocket. The browser keeps the token the server gave at the
// first join, so a closed tab or a dropped Wi-Fi comes back to the same chat.
(function () {
  const $ = (id) => document.getElementById(id);
  const store = {
    get: (k) => { try { return localStorage.getItem('waspada.' + k); } catch (e) { return null; } },
    set: (k, v) => { try { localStorage.setItem('waspada.' + k, v); } catch (e) { /* private mode */ } },
    del: (k) => { try { localStorage.removeItem('waspada.' + k); } catch (e) { /* private mode */ } },
  };
  const say = {
    id: { wrong: 'Kode kelas salah. Tanya gurumu.', nick: 'Tulis nama panggilanmu.', full: 'Kelas sudah penuh. Tanya gurumu.',
      many: 'Terlalu banyak percobaan. Tunggu satu menit.', lost: 'Sambungan terputus. Menyambung lagi…', ended: 'Chat selesai. Tekan Enter untuk kembali ke daftar.',
      elsewhere: 'Chat ini dibuka di tab lain.', error: 'Ada masalah: ' },
    en: { wrong: 'Wrong class code. Ask your teacher.', nick: 'Type your nickname.', full: 'The class is full. Ask your teacher.',
      many: 'Too many tries. Wait a minute.', lost: 'Connection lost. Reconnecting…', ended: 'The chat has ended. Press Enter to go back to the list.',
      elsewhere: 'This chat is open in another tab.', error: 'Something went wrong: ' },
  };
  let lang = store.get('lang') === 'en' ? 'en' : 'id';
  const t = (k) => say[lang][k];
  let term = null, fit = null, ws = null, joined = null, retry = 0, stopped = false;

  function showJoin(msg) {
    $('play').hidden = true; $('join').hidden = false;
    $('code').value = $('code').value || store.get('code') || new URLSearchParams(location.search).get('code') || '';
    $('nick').value = $('nick').value || store.get('nick') || '';
    $('msg').textContent = msg || '';
    if (msg) $('msg').focus && $('code').focus();
  }

  // The chat screen needs 80 columns and 24 rows: the largest font (up to 16 px) that fits them.
  function fontSize() {
    const keys = window.matchMedia('(pointer: coarse), (max-width: 700px)').matches ? 48 : 0;
    const w = window.innerWidth - 8, h = window.innerHeight - keys - 24;
    return Math.max(6, Math.min(16, Math.floor(w / (80 * 0.61)), Math.floor(h / (24 * 1.2))));
  }

  function makeTerm(reader) {
    if (term) return;
    $('join').hidden = true; $('play').hidden = false;
    term = new Terminal({
      fontSize: fontSize(), cursorBlink: false, allowProposedApi: true,
      screenReaderMode: reader, scrollback: reader ? 2000 : 0, convertEol: false,
      fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono", monospace',
    });
    fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new Unicode11Addon.Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open($('term'));
    fit.fit();
    term.focus();
    term.onData((d) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify({ t: 'in', d: d })); });
    term.onResize(({ cols, rows }) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify({ t: 'size', cols: cols, rows: rows })); });
    window.addEventListener('resize', () => { term.options.fontSize = fontSize(); fit.fit(); });
    const seq = { esc: '\x1b', tab: '\t', up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D', space: ' ', enter: '\r' };
    document.querySelectorAll('#keys button').forEach((b) => b.addEventListener('click', (e) => {
      e.preventDefault();
      const k = b.dataset.k;
      if (k === 'kbd') { term.focus(); return; }
      if (ws && ws.readyState === 1) ws.send(JSON.stringify({ t: 'in', d: seq[k] }));
      term.focus();
    }));
  }

  function connect(j) {
    joined = j;
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    makeTerm(j.reader);
    ws = new WebSocket(scheme + location.host + '/pty');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      retry = 0;
      $('status').textContent = '';
      ws.send(JSON.stringify({ t: 'join', code: j.code, nick: j.nick, lang: j.lang, reader: j.reader,
        token: store.get('token:' + j.code.toUpperCase()) || undefined, cols: term.cols, rows: term.rows }));
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') { term.write(new Uint8Array(ev.data)); return; }
      let m; try { m = JSON.parse(ev.data); } catch (e) { return; }
      if (m.t === 'token') {
        store.set('token:' + j.code.toUpperCase(), m.token);
        store.set('code', j.code); store.set('nick', m.nick); store.set('lang', m.lang);
        lang = m.lang === 'en' ? 'en' : 'id';
        document.documentElement.lang = lang;
      } else if (m.t === 'ended') {
        $('status').textContent = t('ended');
      } else if (m.t === 'error') {
        stopped = true;
        const why = m.why || '';
        if (why === 'wrong class code') { store.del('token:' + j.code.toUpperCase()); leave(t('wrong')); }
        else if (why === 'nickname needed') leave(t('nick'));
        else if (why === 'the class is full') leave(t('full'));
        else if (why.startsWith('too many')) leave(t('many'));
        else if (why === 'opened elsewhere') $('status').textContent = t('elsewhere');
        else leave(t('error') + why);
      }
    };
    ws.onclose = () => {
      if (stopped) return;
      // Dropped Wi-Fi or a restarted server: try again, a little slower each time.
      $('status').textContent = t('lost');
      retry = Math.min(retry + 1, 10);
      setTimeout(() => connect(joined), 500 * retry);
    };
  }

  function leave(msg) {
    if (term) { term.dispose(); term = null; $('term').textContent = ''; }
    if (ws) { try { ws.close(); } catch (e) { /* closed */ } ws = null; }
    showJoin(msg);
  }

  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    stopped = false;
    const code = $('code').value.trim(), nick = $('nick').value.trim();
    const l = document.querySelector('input[name=lang]:checked').value;
    lang = l === 'en' ? 'en' : 'id';
    if (!nick) { $('msg').textContent = t('nick'); return; }
    store.set('reader', $('reader').checked ? '1' : '');
    connect({ code: code, nick: nick, lang: lang, reader: $('reader').checked });
  });

  // Coming back to a class this browser has joined: straight into the chat, where it was.
  const code = store.get('code');
  if (code && store.get('token:' + code.toUpperCase()) && !new URLSearchParams(location.search).has('new')) {
    connect({ code: code, nick: store.get('nick') || '', lang: lang, reader: store.get('reader') === '1' });
  } else {
    showJoin('');
  }
})();
