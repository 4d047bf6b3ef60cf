/**
 * The review page's one script (static: it reads the DOM and the browser's localStorage, nothing
 * else; the page's Content-Security-Policy pins it by its hash). It does:
 * - filters: fact kinds, the search box, the decision (open, accepted, flagged);
 * - the workbench: one selected goal at a time (click, or `j`/`k`); its cells' and facts' boxes are
 *   drawn on the PDF page images beside the cards, and clicking a fact (in the text or in the facts
 *   table) scrolls its page into view with its box marked;
 * - decisions: `a` accepts the selected goal, `f` flags it and puts the cursor in its note, `u` clears
 *   it, `/` goes to the search box. Decisions are kept in localStorage under the report id, with the
 *   goal's content hash: a decision made on other content (the report was re-parsed and the goal
 *   changed) is shown as outdated and not exported. "Export" downloads `<report>.review.json`;
 *   "Import" reads such a file (of this report or an earlier parse of it) and takes the decisions of
 *   goals whose key and content are the same.
 */
export const REVIEW_SCRIPT = `
(() => {
  const meta = (n) => (document.querySelector('meta[name="' + n + '"]') || {}).content || '';
  const reportId = meta('report-id');
  const fileName = meta('review-file') || 'report.review.json';
  const storeKey = 'status-ingest-review:' + reportId;
  const search = document.getElementById('search');
  const only = document.getElementById('only-with-facts');
  const decisionFilter = document.getElementById('decision-filter');
  const shown = document.getElementById('shown');
  const progress = document.getElementById('progress');
  const status = document.getElementById('review-status');
  const panel = document.getElementById('source-pages');
  const toggles = Array.from(document.querySelectorAll('input[data-kind-toggle]'));
  const goals = Array.from(document.querySelectorAll('article.goal'));
  const groups = Array.from(document.querySelectorAll('section.group'));
  const tables = Array.from(document.querySelectorAll('section.table'));
  const fold = (s) => s.toLocaleLowerCase('da').replace(/\\s+/g, ' ');
  const texts = new Map(goals.map((g) => [g, fold(g.querySelector('.card-text') ? g.querySelector('.card-text').textContent : g.textContent || '')]));
  const byKey = new Map(goals.map((g) => [g.dataset.key, g]));

  // ---- decisions, kept in localStorage
  function load() {
    try {
      const v = JSON.parse(localStorage.getItem(storeKey) || 'null');
      return v && typeof v === 'object' && v.goals && typeof v.goals === 'object' ? v.goals : {};
    } catch (e) {
      return {};
    }
  }
  let state = load();
  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ reportId: reportId, goals: state }));
    } catch (e) {
      status.textContent = 'Decisions could not be kept in this browser: export them.';
    }
  }
  function current(g) {
    const d = state[g.dataset.key];
    return d && d.decision && d.content === g.dataset.content ? d : null;
  }
  function show(g) {
    const d = state[g.dataset.key];
    const valid = current(g);
    g.dataset.decision = valid ? valid.decision : d && d.decision ? 'outdated' : '';
    const out = g.querySelector('.decision-state');
    const note = g.querySelector('input.note');
    if (note && document.activeElement !== note) note.value = d ? d.note || '' : '';
    if (out) {
      out.textContent = valid
        ? valid.decision + ' ' + valid.time.slice(0, 16).replace('T', ' ')
        : d && d.decision
          ? d.decision + ' before the goal changed: decide again'
          : 'open';
    }
  }
  function decide(g, decision) {
    const note = g.querySelector('input.note');
    state[g.dataset.key] = { decision: decision, note: note ? note.value : '', time: new Date().toISOString(), content: g.dataset.content };
    if (!decision) delete state[g.dataset.key];
    save();
    show(g);
    count();
    apply();
  }
  function count() {
    let a = 0, f = 0;
    for (const g of goals) {
      const d = current(g);
      if (d && d.decision === 'accepted') a++;
      else if (d && d.decision === 'flagged') f++;
    }
    progress.textContent = a + ' accepted · ' + f + ' flagged · ' + (goals.length - a - f) + ' open';
  }

  // ---- filters
  function apply() {
    const on = new Set(toggles.filter((t) => t.checked).map((t) => t.dataset.kindToggle));
    for (const t of toggles) document.body.classList.toggle('off-' + t.dataset.kindToggle, !t.checked);
    const q = fold(search.value.trim());
    const want = decisionFilter.value;
    let visible = 0;
    for (const g of goals) {
      const kinds = (g.dataset.kinds || '').split(' ').filter(Boolean);
      const byKind = !only.checked || kinds.some((k) => on.has(k));
      const bySearch = q === '' || texts.get(g).includes(q);
      const d = current(g);
      const byDecision = want === 'all' || (want === 'open' ? !d : d && d.decision === want);
      g.hidden = !(byKind && bySearch && byDecision);
      if (!g.hidden) visible++;
    }
    for (const s of groups) s.hidden = !s.querySelector('article.goal:not([hidden])');
    for (const t of tables) t.hidden = !t.querySelector('article.goal:not([hidden])');
    shown.textContent = visible + ' of ' + goals.length + ' goals';
  }

  // ---- boxes on the page images
  function boxesOf(el) {
    return (el.dataset.boxes || '').split(';').filter(Boolean).map((b) => {
      const n = b.split(' ').map(Number);
      return { page: n[0], x: n[1], y: n[2], w: n[3], h: n[4] };
    });
  }
  function figureOf(page) {
    return document.getElementById('page-' + page);
  }
  function draw(box, cls, ref) {
    const fig = figureOf(box.page);
    if (!fig) return null;
    const W = Number(fig.dataset.width), H = Number(fig.dataset.height);
    const d = document.createElement('div');
    d.className = 'box ' + cls;
    if (ref) d.dataset.factRef = ref;
    d.style.left = (100 * box.x / W) + '%';
    d.style.top = (100 * box.y / H) + '%';
    d.style.width = (100 * box.w / W) + '%';
    d.style.height = (100 * box.h / H) + '%';
    fig.querySelector('.overlay').appendChild(d);
    return d;
  }
  function reveal(fig, box) {
    if (!fig) return;
    if (panel && panel.scrollHeight > panel.clientHeight + 1 && getComputedStyle(panel).overflowY !== 'visible') {
      const H = Number(fig.dataset.height);
      const y = fig.offsetTop + (box ? (box.y / H) * fig.clientHeight : 0);
      panel.scrollTo({ top: Math.max(0, y - panel.clientHeight / 3) });
    } else fig.scrollIntoView({ block: 'center' });
  }
  let selected = null;
  function drawGoal(g) {
    for (const d of document.querySelectorAll('#source-pages .box')) d.remove();
    if (!panel || !g) return;
    for (const c of g.querySelectorAll('section.cell[data-boxes], header[data-boxes]')) for (const b of boxesOf(c)) draw(b, 'cell');
    const seen = new Set();
    for (const m of g.querySelectorAll('mark[data-boxes]')) {
      if (seen.has(m.dataset.fact)) continue;
      seen.add(m.dataset.fact);
      for (const b of boxesOf(m)) {
        const d = draw(b, 'fact', m.dataset.fact);
        if (d) d.dataset.kind = m.dataset.kind;
      }
    }
  }
  function select(g, scroll) {
    if (!g) return;
    if (selected) selected.classList.remove('selected');
    selected = g;
    g.classList.add('selected');
    if (scroll) g.scrollIntoView({ block: 'start' });
    drawGoal(g);
    const first = g.querySelector('[data-boxes]');
    if (scroll && first) {
      const b = boxesOf(first)[0];
      reveal(figureOf(b.page), b);
    }
  }
  function activateFact(ref) {
    const m = document.querySelector('mark[data-fact="' + CSS.escape(ref) + '"]');
    if (!m) return;
    const g = m.closest('article.goal');
    if (g !== selected) select(g, false);
    for (const d of document.querySelectorAll('#source-pages .box.active')) d.classList.remove('active');
    for (const d of document.querySelectorAll('#source-pages .box[data-fact-ref="' + CSS.escape(ref) + '"]')) d.classList.add('active');
    for (const x of document.querySelectorAll('mark.active')) x.classList.remove('active');
    for (const x of document.querySelectorAll('mark[data-fact="' + CSS.escape(ref) + '"]')) x.classList.add('active');
    const b = boxesOf(m)[0];
    if (b) reveal(figureOf(b.page), b);
  }
  function visibleGoals() {
    return goals.filter((g) => !g.hidden);
  }
  function move(by) {
    const list = visibleGoals();
    if (!list.length) return;
    const i = selected ? list.indexOf(selected) : -1;
    const next = i < 0 ? list[by > 0 ? 0 : list.length - 1] : list[Math.min(list.length - 1, Math.max(0, i + by))];
    select(next, true);
  }

  // ---- export and import
  function exportFile() {
    const out = [];
    for (const g of goals) {
      const d = current(g);
      if (d) out.push({ key: g.dataset.key, decision: d.decision, note: d.note || '', time: d.time, content: d.content });
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const blob = new Blob([JSON.stringify({ reportId: reportId, goals: out }, null, 2) + '\\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    status.textContent = 'Exported ' + out.length + (out.length === 1 ? ' decision' : ' decisions') + ' to ' + fileName + '.';
  }
  function importFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      let data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (e) {
        status.textContent = file.name + ' is not JSON.';
        return;
      }
      if (!data || !Array.isArray(data.goals)) {
        status.textContent = file.name + ' is not a review file.';
        return;
      }
      let taken = 0, changed = 0;
      for (const r of data.goals) {
        const g = r && byKey.get(r.key);
        if (!g || (r.decision !== 'accepted' && r.decision !== 'flagged')) continue;
        if (r.content !== g.dataset.content) { changed++; continue; }
        state[r.key] = { decision: r.decision, note: String(r.note || ''), time: String(r.time || new Date().toISOString()), content: r.content };
        taken++;
      }
      save();
      goals.forEach(show);
      count();
      apply();
      status.textContent = 'Imported ' + taken + (taken === 1 ? ' decision' : ' decisions') + (changed ? '; ' + changed + ' left out: their goal changed' : '') + '.';
    };
    reader.readAsText(file);
  }

  // ---- events
  search.addEventListener('input', apply);
  only.addEventListener('change', apply);
  decisionFilter.addEventListener('change', apply);
  for (const t of toggles) t.addEventListener('change', apply);
  document.getElementById('export').addEventListener('click', exportFile);
  const importInput = document.getElementById('import');
  importInput.addEventListener('change', () => {
    if (importInput.files && importInput.files[0]) importFile(importInput.files[0]);
    importInput.value = '';
  });
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const act = t.closest('button[data-act]');
    const g = t.closest('article.goal');
    if (act && g) {
      select(g, false);
      const a = act.dataset.act;
      if (a === 'flag') {
        decide(g, 'flagged');
        g.querySelector('input.note').focus();
      } else decide(g, a === 'accept' ? 'accepted' : null);
      return;
    }
    const ref = t.closest('[data-fact-ref], mark[data-fact]');
    if (ref) {
      activateFact(ref.dataset.factRef || ref.dataset.fact);
      return;
    }
    if (g && g !== selected) select(g, false);
  });
  for (const g of goals) {
    const note = g.querySelector('input.note');
    if (!note) continue;
    note.addEventListener('input', () => {
      const d = state[g.dataset.key];
      if (d && d.decision) {
        d.note = note.value;
        d.time = new Date().toISOString();
        save();
      }
    });
    note.addEventListener('focus', () => select(g, false));
  }
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const typing = t instanceof Element && (t.matches('input, textarea, select') || t.isContentEditable);
    if (typing) {
      if (e.key === 'Escape' || (e.key === 'Enter' && t.matches('input.note'))) t.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') move(1);
    else if (e.key === 'k') move(-1);
    else if (e.key === 'a' && selected) decide(selected, 'accepted');
    else if (e.key === 'f' && selected) {
      decide(selected, 'flagged');
      selected.querySelector('input.note').focus();
    } else if (e.key === 'u' && selected) decide(selected, null);
    else if (e.key === '/') search.focus();
    else return;
    e.preventDefault();
  });
  goals.forEach(show);
  count();
  apply();
})();
`;
