'use strict';
// The teacher's page: who is connected, where each pupil is, and the class report, refreshed
// every few seconds. Everything from pupils is put in the page as text, never as HTML.
(function () {
  const $ = (id) => document.getElementById(id);
  function cell(tr, text) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }

  async function status() {
    const r = await fetch('/teacher/status', { cache: 'no-store' });
    if (!r.ok) return;
    const s = await r.json();
    $('code').textContent = s.code;
    const done = s.pupils.filter((p) => p.finished > 0).length;
    $('summary').textContent = `${s.connected} / ${s.max} tersambung (connected) · ${s.pupils.length} murid (pupils) · ` +
      `${s.answers} jawaban (answers) · ${done} selesai satu chat (finished a chat)`;
    const tb = document.querySelector('#pupils tbody');
    tb.textContent = '';
    for (const p of s.pupils) {
      const tr = document.createElement('tr');
      cell(tr, p.nick + (p.reader ? ' (pembaca layar)' : ''));
      cell(tr, p.connected ? '● ya / yes' : '○ tidak / no');
      cell(tr, p.title || '—');
      cell(tr, !p.scenario ? '—' : p.question == null ? 'selesai / finished'
        : p.question + (p.questions ? ' / ' + p.questions : ''));
      cell(tr, `${p.right} / ${p.answers}`);
      cell(tr, String(p.finished));
      cell(tr, p.score == null ? '—' : p.score + ' %');
      tb.appendChild(tr);
    }
  }

  // The picture report when this waspada has `report --html`, else the spreadsheet as a table.
  function csvRows(text) {
    const rows = []; let row = [], f = '', q = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (q) { if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c; }
      else if (c === '"') q = true;
      else if (c === ',') { row.push(f); f = ''; }
      else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; }
      else if (c !== '\r') f += c;
    }
    if (f || row.length) { row.push(f); rows.push(row); }
    return rows;
  }
  async function report() {
    const h = await fetch('/teacher/report.html', { cache: 'no-store' });
    if (h.ok) {
      $('htmllink').hidden = false;
      const fr = document.createElement('iframe');
      fr.setAttribute('sandbox', '');
      fr.title = 'report';
      fr.src = '/teacher/report.html';
      fr.className = 'report';
      $('report').textContent = '';
      $('report').appendChild(fr);
      return;
    }
    const r = await fetch('/teacher/report.csv', { cache: 'no-store' });
    const rows = csvRows(await r.text());
    const table = document.createElement('table');
    rows.forEach((row, i) => {
      const tr = document.createElement('tr');
      row.forEach((v) => { const td = document.createElement(i === 0 ? 'th' : 'td'); td.textContent = v; tr.appendChild(td); });
      table.appendChild(tr);
    });
    $('report').textContent = '';
    $('report').appendChild(table);
  }
  status(); report();
  setInterval(status, 3000);
  setInterval(report, 30000);
})();
