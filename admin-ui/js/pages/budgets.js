import { get, post, patch, del, enc } from '../api.js';
import { h, badge, fmt, time, formDialog, confirm, toast, optionalNumber } from '../ui.js';
import { listPage } from '../listing.js';

const PERIODS = ['day', 'week', 'month', 'total'];
const LEVELS = [['org', 'The organisation'], ['team', 'A team'], ['user', 'A user'], ['key', 'A key'], ['', 'Nobody (referenced by budgetRef)']];

/** Spent (and reserved by requests in flight) against the amount, with the soft threshold marked. */
function spendBar(spend) {
  const amount = Number(spend.amountUsd) || 0;
  const used = Number(spend.spentUsd) + Number(spend.reservedUsd || 0);
  const ratio = amount > 0 ? Math.min(1, used / amount) : 0;
  const kind = ratio >= 1 ? 'over' : spend.softThresholdReached ? 'warn' : 'ok';
  const label = fmt.money(Number(spend.spentUsd)) + ' of ' + fmt.money(amount) + ' spent this ' + (spend.period === 'total' ? 'budget' : spend.period)
    + (Number(spend.reservedUsd) > 0 ? ' (+' + fmt.money(Number(spend.reservedUsd)) + ' in flight)' : '');
  // Widths through the CSSOM: the console's CSP allows no inline style attributes.
  const fill = h('span', { class: 'fill' });
  fill.style.width = (ratio * 100).toFixed(1) + '%';
  const mark = spend.softThresholdPercent ? h('span', { class: 'mark', title: 'soft threshold ' + spend.softThresholdPercent + ' %' }) : null;
  if (mark) mark.style.left = Math.min(100, spend.softThresholdPercent) + '%';
  return h('div', { class: 'spend' },
    h('div', { class: 'meter ' + kind, role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(amount), 'aria-valuenow': String(used), 'aria-label': label }, fill, mark),
    h('div', { class: 'hint' }, label, ' · ', fmt.money(Number(spend.remainingUsd)), ' left'));
}

export async function render(ctx) {
  const { access } = ctx;
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/budgets';
  const canWrite = access.can('BUDGET', 'write');

  const fields = (b = {}) => [
    { name: 'name', label: 'Name', value: b.name || '', required: true, hint: 'Also what a budgetRef names.' },
    { name: 'amountUsd', label: 'Amount (US dollars)', type: 'number', min: 0, value: b.amountUsd ?? '', required: true },
    { name: 'period', label: 'Period', type: 'select', value: b.period || 'month', options: PERIODS.map((p) => ({ value: p, label: p === 'total' ? 'in total (never resets)' : 'per ' + p })) },
    { name: 'timeZone', label: 'Time zone of the period', value: b.timeZone || 'UTC', hint: 'An IANA zone such as Europe/Paris; periods start at midnight there.' },
    { group: 'When it is reached', fields: [
      { name: 'softThresholdPercent', label: 'Warn at (percent)', type: 'number', min: 1, value: b.softThresholdPercent ?? 80 },
      { name: 'hardCutoff', label: 'Refuse requests at 100 %', type: 'checkbox', value: b.hardCutoff ?? true },
    ] },
    ...(b.id ? [] : [
      { name: 'subjectLevel', label: 'Attached to', type: 'select', value: '', options: LEVELS.map(([value, label]) => ({ value, label })) },
      { name: 'subjectId', label: 'Id of the team, user or key', value: '', hint: 'For the organisation, its id is used.' },
    ]),
  ];
  const body = (v) => {
    const b = {
      name: v.name,
      amountUsd: optionalNumber(v.amountUsd),
      period: v.period,
      timeZone: v.timeZone || 'UTC',
      softThresholdPercent: optionalNumber(v.softThresholdPercent),
      hardCutoff: !!v.hardCutoff,
    };
    if (v.subjectLevel !== undefined && v.subjectLevel !== '') {
      b.subjectLevel = v.subjectLevel;
      b.subjectId = v.subjectLevel === 'org' ? ctx.orgId : v.subjectId;
    }
    return b;
  };

  const create = canWrite
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({ title: 'Create a budget', fields: fields(), submitLabel: 'Create budget', onSubmit: (v) => post(base, body(v)) });
      if (created) { toast('Budget "' + created.name + '" created.'); reload(); }
    } }, 'Create budget')
    : null;

  const spendCell = (b) => {
    const cell = h('div', { class: 'hint' }, 'Loading…');
    get(base + '/' + enc(b.id) + '/spend')
      .then((spend) => cell.replaceWith(spendBar(spend)))
      .catch((e) => { cell.textContent = 'Spend unavailable: ' + e.message; });
    return cell;
  };

  const actions = (b, load) => (canWrite ? [
    h('button', { class: 'btn small', type: 'button', 'aria-label': 'Edit budget ' + b.name, onclick: async () => {
      const saved = await formDialog({ title: 'Edit budget ' + b.name, fields: fields(b), submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(b.id), body(v)) });
      if (saved) { toast('Budget "' + saved.name + '" saved.'); load(); }
    } }, 'Edit'),
    h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Delete budget ' + b.name, onclick: async () => {
      if (!await confirm({ title: 'Delete budget ' + b.name + '?', message: 'Requests are no longer held to it; what was spent stays in the usage ledger.', confirmLabel: 'Delete budget' })) return;
      try { await del(base + '/' + enc(b.id)); toast('Budget "' + b.name + '" deleted.'); load(); } catch (e) { toast(e.message, 'error'); }
    } }, 'Delete'),
  ] : '');

  const reload = await listPage(ctx, {
    path: base,
    searchLabel: 'Search budgets',
    caption: 'Budgets of ' + ctx.orgId + ' (US dollars)',
    emptyText: 'No budgets yet.' + (canWrite ? ' Create one to cap what a key, user, team or the organisation may spend.' : ''),
    toolbar: [create],
    columns: (load) => [
      { label: 'Budget', cell: (b) => [h('strong', {}, b.name), h('div', { class: 'hint' }, b.subjectLevel ? 'attached to ' + b.subjectLevel + ' ' + (b.subjectId || '') : 'referenced by budgetRef')] },
      { label: 'Amount', num: true, cell: (b) => [fmt.money(Number(b.amountUsd)), h('div', { class: 'hint' }, b.period === 'total' ? 'in total' : 'per ' + b.period + ' (' + b.timeZone + ')')] },
      { label: 'Spend this period', cell: spendCell },
      { label: 'At the limit', cell: (b) => [b.softThresholdPercent ? 'warn at ' + b.softThresholdPercent + ' %' : 'no warning', h('div', {}, badge(b.hardCutoff ? 'hard cutoff' : 'soft only', b.hardCutoff ? 'revoked' : 'neutral'))] },
      { label: 'Updated', cell: (b) => time(b.updatedAt || b.createdAt) },
      { label: 'Actions', srOnly: true, actions: true, cell: (b) => actions(b, load) },
    ],
  });
}
