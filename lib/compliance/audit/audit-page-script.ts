/**
 * The audit page's script (plain JavaScript, no libraries): opens a rule's rows on demand by
 * loading its file `findings/<n>.js` with a script tag (works from file://), filters the rules by
 * status, pack, stack and text, and searches resources by loading the row files it needs.
 * `window.auditReport` exposes `open(n)`, `openAll()` and `loadAll()` for tests.
 */
export const AUDIT_PAGE_SCRIPT = `
(function () {
  var loaded = {};
  var waiting = {};
  var LABEL = { 'not-applicable': 'not applicable', error: 'could not evaluate' };
  window.auditChunk = function (n, rows) {
    loaded[n] = rows;
    (waiting[n] || []).forEach(function (f) { f(rows); });
    delete waiting[n];
  };
  function load(n) {
    if (loaded[n]) return Promise.resolve(loaded[n]);
    return new Promise(function (resolve, reject) {
      if (waiting[n]) { waiting[n].push(resolve); return; }
      waiting[n] = [resolve];
      var s = document.createElement('script');
      s.src = window.AUDIT_CHUNK_DIR + '/' + n + '.js';
      s.onerror = function () { reject(new Error('cannot load ' + s.src)); };
      document.head.appendChild(s);
    });
  }
  function $(id) { return document.getElementById(id); }
  function filters() {
    return {
      status: $('filter-status').value,
      pack: $('filter-pack').value,
      stack: $('filter-stack').value,
      text: $('filter-text').value.trim().toLowerCase(),
    };
  }
  function rowMatches(r, f) {
    if (f.stack && r[0] !== f.stack) return false;
    if (f.status === 'unsuppressed') { if (!((r[4] === 'fail' || r[4] === 'error') && r[3] === 'error')) return false; }
    else if (f.status && r[4] !== f.status) return false;
    if (f.text && (r[1] + ' ' + r[6] + ' ' + r[7] + ' ' + r[2]).toLowerCase().indexOf(f.text) < 0) return false;
    return true;
  }
  function text(tag, value, cls) {
    var e = document.createElement(tag);
    e.textContent = value;
    if (cls) e.className = cls;
    return e;
  }
  function render(tr, rows, f) {
    var detail = tr.nextElementSibling && tr.nextElementSibling.classList.contains('rows') ? tr.nextElementSibling : null;
    if (!detail) {
      detail = document.createElement('tr');
      detail.className = 'rows';
      var cell = document.createElement('td');
      cell.colSpan = window.AUDIT_COLUMNS;
      detail.appendChild(cell);
      tr.parentNode.insertBefore(detail, tr.nextSibling);
    }
    var table = document.createElement('table');
    var body = document.createElement('tbody');
    var stack = null;
    var shown = 0;
    rows.forEach(function (r) {
      var ruleText = tr.querySelector('.rule').textContent;
      if (!rowMatches(r, f) && !(f.text && ruleText.toLowerCase().indexOf(f.text) >= 0 && rowMatches(r, { stack: f.stack, status: f.status, text: '' }))) return;
      if (r[0] !== stack) {
        stack = r[0];
        var h = document.createElement('tr');
        h.className = 'stack-heading';
        var th = text('th', stack);
        th.colSpan = 6;
        h.appendChild(th);
        body.appendChild(h);
      }
      var row = document.createElement('tr');
      row.className = 'finding status-' + r[4] + ' level-' + r[3];
      row.appendChild(text('td', r[1] || '(whole app)', 'path'));
      row.appendChild(text('td', r[2]));
      row.appendChild(text('td', r[3]));
      row.appendChild(text('td', r[5]));
      row.appendChild(text('td', LABEL[r[4]] || r[4], 'status'));
      var d = text('td', r[6]);
      if (r[7]) { d.appendChild(document.createElement('br')); d.appendChild(text('em', r[7])); }
      row.appendChild(d);
      body.appendChild(row);
      shown++;
    });
    table.appendChild(body);
    detail.firstChild.replaceChildren(table);
    tr.querySelector('button').setAttribute('aria-expanded', 'true');
    tr.querySelector('button').textContent = 'Hide';
    return shown;
  }
  function groupRows() { return Array.prototype.slice.call(document.querySelectorAll('#findings tr.group')); }
  function close(tr) {
    var next = tr.nextElementSibling;
    if (next && next.classList.contains('rows')) next.remove();
    var b = tr.querySelector('button');
    b.setAttribute('aria-expanded', 'false');
    b.textContent = 'Show';
  }
  function open(tr) {
    return load(tr.getAttribute('data-group')).then(function (rows) { return render(tr, rows, filters()); });
  }
  function groupVisible(tr, f) {
    if (f.pack && tr.getAttribute('data-pack') !== f.pack) return false;
    if (f.stack && (' ' + tr.getAttribute('data-stacks') + ' ').indexOf(' ' + f.stack + ' ') < 0) return false;
    if (f.status && (' ' + tr.getAttribute('data-statuses') + ' ').indexOf(' ' + f.status + ' ') < 0) return false;
    if (!f.text) return true;
    var rule = (tr.getAttribute('data-pack') + ' ' + tr.querySelector('.rule').textContent).toLowerCase();
    if (rule.indexOf(f.text) >= 0) return true;
    var rows = loaded[tr.getAttribute('data-group')];
    return !!rows && rows.some(function (r) { return rowMatches(r, f); });
  }
  function loadAll() {
    var all = groupRows().map(function (tr) { return tr.getAttribute('data-group'); });
    var i = 0;
    function next() { return i < all.length ? load(all[i++]).then(next) : Promise.resolve(); }
    return Promise.all([next(), next(), next(), next()]);
  }
  function apply() {
    var f = filters();
    var run = f.text ? ($('filter-note').textContent = 'Searching every rule...', loadAll()) : Promise.resolve();
    return run.then(function () {
      var shown = 0;
      groupRows().forEach(function (tr) {
        var visible = groupVisible(tr, f);
        tr.hidden = !visible;
        var next = tr.nextElementSibling;
        var expanded = next && next.classList.contains('rows');
        if (!visible && expanded) close(tr);
        if (visible) { shown++; if (expanded || f.text) render(tr, loaded[tr.getAttribute('data-group')], f); }
      });
      $('filter-note').textContent = shown + ' rule(s) shown.';
    });
  }
  document.getElementById('findings').addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) return;
    var tr = b.closest('tr.group');
    if (b.getAttribute('aria-expanded') === 'true') close(tr); else open(tr);
  });
  ['filter-status', 'filter-pack', 'filter-stack'].forEach(function (id) { $(id).addEventListener('change', apply); });
  var timer;
  $('filter-text').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 250); });
  function openAll() {
    var f = filters();
    return Promise.all(groupRows().filter(function (tr) { return groupVisible(tr, f); }).map(open));
  }
  $('open-all').addEventListener('click', openAll);
  window.auditReport = {
    open: function (n) { return open(document.querySelector('#findings tr.group[data-group="' + n + '"]')); },
    openAll: openAll,
    loadAll: loadAll,
    apply: apply,
  };
})();
`;
