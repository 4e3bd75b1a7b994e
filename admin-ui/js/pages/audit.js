// The audit trail (who changed what through the admin API, and refused calls) and the request log
// (one record per data-plane request), for auditors and admins: filter, read the detail, export.
import { get, query, enc } from '../api.js';
import { h, clear, loading, errorBox, table, pager, badge, time, fmt, toast } from '../ui.js';
import { keep, PAGE_SIZE } from '../listing.js';

const VIEWS = {
  trail: {
    title: 'Admin changes',
    path: 'audit-events',
    filters: [
      { name: 'userId', label: 'User id' },
      { name: 'keyPrefix', label: 'Key prefix' },
      { name: 'resourceType', label: 'Resource', options: ['', 'org', 'team', 'user', 'key', 'budget', 'endpoint', 'settings'] },
      { name: 'action', label: 'Action', options: ['', 'CREATE', 'UPDATE', 'DELETE', 'ROTATE', 'REVOKE'] },
      { name: 'outcome', label: 'Outcome', options: ['', 'SUCCESS', 'REFUSED', 'FAILED'] },
    ],
    caption: 'Admin changes, newest first',
    columns: [
      { label: 'When', cell: (r) => time(r.occurredAt) },
      { label: 'Who', cell: (r) => [r.actorUserId || '—', h('div', { class: 'hint' }, [r.actorRole, r.actorKeyPrefix].filter(Boolean).join(' · '))] },
      { label: 'What', cell: (r) => [badge(String(r.action || '').toLowerCase()), ' ', r.resourceType, ' ', h('code', {}, r.resourceId || '')] },
      { label: 'Outcome', cell: (r) => badge(String(r.outcome || '').toLowerCase() + (r.status ? ' ' + r.status : ''), r.outcome === 'SUCCESS' ? 'active' : 'revoked') },
      { label: 'From', cell: (r) => [r.clientAddress || '—', r.userAgent ? h('div', { class: 'hint' }, r.userAgent) : null] },
      { label: 'Changes', cell: (r) => changes(r.changes) },
    ],
  },
  requests: {
    title: 'Requests',
    path: 'request-log',
    filters: [
      { name: 'userId', label: 'User id' },
      { name: 'keyPrefix', label: 'Key prefix' },
      { name: 'model', label: 'Model' },
      { name: 'status', label: 'Status', placeholder: 'e.g. 429' },
    ],
    caption: 'Data-plane requests, newest first',
    columns: [
      { label: 'When', cell: (r) => time(r.occurredAt) },
      { label: 'Key', cell: (r) => [h('code', {}, r.keyPrefix || '—'), h('div', { class: 'hint' }, r.userId || '')] },
      { label: 'Model', cell: (r) => [r.requestedModel || '—', r.servedModel && r.servedModel !== r.requestedModel ? h('div', { class: 'hint' }, 'served by ' + r.servedModel) : null, h('div', { class: 'hint' }, [r.provider, r.routeMode, r.intent].filter(Boolean).join(' · '))] },
      { label: 'Status', cell: (r) => [badge(String(r.status), r.status < 400 ? 'active' : 'revoked'), r.errorCode ? h('div', { class: 'hint' }, r.errorCode) : null] },
      { label: 'Cache', cell: (r) => r.cacheOutcome || '—' },
      { label: 'Tokens', num: true, cell: (r) => fmt.number((r.promptTokens || 0) + (r.completionTokens || 0)) },
      { label: 'Cost', num: true, cell: (r) => fmt.money(r.costUsd === null || r.costUsd === undefined ? null : Number(r.costUsd)) },
      { label: 'Detail', cell: (r) => detail(r) },
    ],
  },
};

/** Field changes as "field: before → after" (secrets are never in the trail). */
function changes(list) {
  if (!Array.isArray(list) || list.length === 0) return '—';
  const show = (v) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  return h('ul', { class: 'changes' }, list.map((c) => h('li', {}, h('strong', {}, c.field), ': ', h('code', {}, show(c.old)), ' → ', h('code', {}, show(c.new)))));
}

/** Everything the log holds about one request, unfolded on demand. */
function detail(r) {
  const skip = new Set(['occurredAt']);
  return h('details', {},
    h('summary', {}, h('span', { class: 'visually-hidden' }, 'Request '), h('code', {}, r.requestId || 'request')),
    h('dl', { class: 'detail' }, Object.entries(r).filter(([k, v]) => !skip.has(k) && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))])));
}

/** The ISO instant for a datetime-local value, in the user's time zone. */
function instant(local) {
  if (!local) return undefined;
  const d = new Date(local);
  return isNaN(d) ? local : d.toISOString();
}

export async function render(ctx) {
  const view = VIEWS[ctx.params.view] ? ctx.params.view : 'trail';
  const spec = VIEWS[view];
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/' + spec.path;
  const params = ctx.params;
  const filterParams = { from: instant(params.from), to: instant(params.to) };
  spec.filters.forEach((f) => { if (params[f.name]) filterParams[f.name] = params[f.name]; });

  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Audit views' }, Object.entries(VIEWS).map(([id, v]) => h('button', {
    class: 'btn small' + (id === view ? ' primary' : ''), type: 'button', role: 'tab', 'aria-selected': id === view ? 'true' : 'false',
    onclick: () => ctx.go({ view: id }),
  }, v.title)));

  const inputs = {};
  const field = (f) => {
    const id = 'audit-' + f.name;
    const input = f.options
      ? h('select', { id }, f.options.map((o) => h('option', { value: o, selected: (params[f.name] || '') === o }, o ? o.toLowerCase() : 'any')))
      : h('input', { id, type: f.type || 'text', value: params[f.name] || '', placeholder: f.placeholder, autocomplete: 'off' });
    inputs[f.name] = input;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), input);
  };
  const form = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Filter ' + spec.title.toLowerCase() },
    field({ name: 'from', label: 'From', type: 'datetime-local' }),
    field({ name: 'to', label: 'To', type: 'datetime-local' }),
    spec.filters.map(field),
    h('button', { class: 'btn', type: 'submit' }, 'Apply'),
    h('span', { class: 'spacer' }),
    h('a', { class: 'btn small', href: base + '/export' + query({ ...filterParams, format: 'csv' }), download: spec.path + '.csv' }, 'Export CSV'),
    h('a', { class: 'btn small', href: base + '/export' + query({ ...filterParams, format: 'jsonl' }), download: spec.path + '.jsonl' }, 'Export JSON Lines'),
    view === 'trail' ? h('button', { class: 'btn small', type: 'button', onclick: async () => {
      try {
        const v = await get(base + '/verify');
        toast(v.valid ? 'The chain verifies: ' + fmt.number(v.checked) + ' records intact.' : 'The chain is broken at record ' + v.brokenAtSeq + ': ' + v.problem, v.valid ? 'info' : 'error');
      } catch (e) { toast(e.message, 'error'); }
    } }, 'Verify chain') : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = { view };
    Object.entries(inputs).forEach(([name, input]) => { if (input.value) next[name] = input.value; });
    ctx.go(next);
  });

  const results = h('div', { 'aria-live': 'polite' }, loading());
  ctx.main.append(tabs, form, results);
  const offset = Math.max(0, parseInt(params.offset || '0', 10) || 0);
  try {
    const page = await get(base + query({ ...filterParams, offset, limit: PAGE_SIZE }));
    clear(results, table({
      caption: spec.caption + ' · times in ' + Intl.DateTimeFormat().resolvedOptions().timeZone,
      columns: spec.columns,
      rows: page.data,
      emptyText: 'Nothing recorded for these filters.',
      footer: page.total > 0 ? pager({ total: page.total, offset: page.offset, limit: page.limit, onPage: (next) => ctx.go({ ...keep(params), offset: next }) }) : null,
    }));
  } catch (error) {
    clear(results, errorBox(error, 'Could not load the ' + spec.title.toLowerCase() + '.'));
  }
}
