// Dedicated endpoints: a private model deployment per org or team, provisioned, scaled to zero
// when idle and woken on traffic. The list shows each one's state; admins provision and delete.
import { post, patch, del, get, enc } from '../api.js';
import { h, badge, fmt, time, formDialog, confirm, toast, splitList, optionalNumber } from '../ui.js';
import { listPage } from '../listing.js';

const STATUS_KIND = { up: 'active', sleeping: 'neutral', building: 'warn', waking_up: 'warn', failed: 'revoked', deleting: 'revoked' };

export async function render(ctx) {
  const { access, session } = ctx;
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/endpoints';
  const canWrite = access.can('ENDPOINT', 'write');

  const scalingFields = (s = {}) => ({
    group: 'Scaling',
    fields: [
      { name: 'minReplicas', label: 'Minimum replicas', type: 'number', min: 0, value: s.minReplicas ?? 0, errorFor: ['scaling.minReplicas'] },
      { name: 'maxReplicas', label: 'Maximum replicas', type: 'number', min: 1, value: s.maxReplicas ?? 1, errorFor: ['scaling.maxReplicas'] },
      { name: 'idleSeconds', label: 'Sleep after idle (seconds)', type: 'number', min: 1, value: s.idleSeconds ?? 900, errorFor: ['scaling.idleSeconds'] },
    ],
  });
  const scaling = (v) => ({ minReplicas: optionalNumber(v.minReplicas), maxReplicas: optionalNumber(v.maxReplicas), idleSeconds: optionalNumber(v.idleSeconds) });

  const provision = canWrite
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({
        title: 'Provision a dedicated endpoint',
        intro: 'The endpoint gets its permanent id and URL at once and starts building; its owner is e-mailed when it is up or has failed.',
        fields: [
          { name: 'model', label: 'Model', required: true, placeholder: 'meta-llama/Llama-3.1-8B-Instruct', hint: 'A Hugging Face model id or a catalog model.' },
          { name: 'name', label: 'Name', value: '' },
          { name: 'contextLength', label: 'Context length (tokens)', type: 'number', min: 1, value: '' },
          { name: 'dtype', label: 'Weights precision', type: 'select', value: '', options: [{ value: '', label: 'model default' }, ...['bf16', 'fp16', 'fp8', 'int8', 'int4'].map((d) => ({ value: d, label: d }))] },
          { name: 'maxConcurrency', label: 'Concurrent requests', type: 'number', min: 1, value: '' },
          { name: 'engineArgs', label: 'Engine arguments', value: '', hint: 'Comma-separated, passed to the inference server.' },
          { name: 'accessToken', label: 'Access token for gated weights', type: 'password', value: '', hint: 'Stored encrypted; never shown again.' },
          scalingFields(),
        ],
        submitLabel: 'Provision',
        onSubmit: (v) => post(base, {
          model: v.model, name: v.name || null, teamId: session.teamId || null,
          contextLength: optionalNumber(v.contextLength), dtype: v.dtype || null, maxConcurrency: optionalNumber(v.maxConcurrency),
          engineArgs: splitList(v.engineArgs), accessToken: v.accessToken || null, scaling: scaling(v),
        }),
      });
      if (created) { toast('Endpoint ' + created.id + ' is building.'); reload(); }
    } }, 'Provision endpoint')
    : null;

  const logs = (e) => h('details', {},
    h('summary', {}, 'Recent log'),
    (() => {
      const pre = h('pre', { class: 'log', tabindex: '0' }, 'Loading…');
      get(base + '/' + enc(e.id) + '/logs').then((l) => { pre.textContent = (l.lines || []).join('\n') || '(empty)'; }).catch((err) => { pre.textContent = err.message; });
      return pre;
    })());

  const actions = (e, load) => (canWrite && e.status !== 'deleting' ? [
    h('button', { class: 'btn small', type: 'button', 'aria-label': 'Scale endpoint ' + e.id, onclick: async () => {
      const saved = await formDialog({ title: 'Scale ' + (e.name || e.id), fields: [{ name: 'name', label: 'Name', value: e.name || '' }, scalingFields(e.scaling)], submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(e.id), { name: v.name || null, scaling: scaling(v) }) });
      if (saved) { toast('Endpoint ' + e.id + ' saved.'); load(); }
    } }, 'Scale'),
    h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Delete endpoint ' + e.id, onclick: async () => {
      if (!await confirm({ title: 'Delete endpoint ' + (e.name || e.id) + '?', message: 'Its deployment is removed and ' + e.url + ' answers 404 from then on. This cannot be undone.', confirmLabel: 'Delete endpoint' })) return;
      try { await del(base + '/' + enc(e.id)); toast('Endpoint ' + e.id + ' is being deleted.'); load(); } catch (err) { toast(err.message, 'error'); }
    } }, 'Delete'),
  ] : '');

  const reload = await listPage(ctx, {
    path: base,
    searchLabel: 'Search endpoints',
    caption: 'Dedicated endpoints of ' + ctx.orgId,
    emptyText: 'No dedicated endpoints.' + (canWrite ? ' Provision one to run a model on capacity of your own.' : ''),
    toolbar: [provision],
    columns: (load) => [
      { label: 'Endpoint', cell: (e) => [h('strong', {}, e.name || e.id), h('div', { class: 'hint' }, h('code', {}, e.url))] },
      { label: 'Model', cell: (e) => [e.model, h('div', { class: 'hint' }, [e.dtype, e.contextLength ? fmt.number(e.contextLength) + ' tokens' : null].filter(Boolean).join(' · '))] },
      { label: 'Status', cell: (e) => [badge(e.status.replace('_', ' '), STATUS_KIND[e.status] || 'neutral'), e.statusMessage ? h('div', { class: 'hint' }, e.statusMessage) : null, h('div', { class: 'hint' }, 'since ', time(e.statusChangedAt))] },
      { label: 'Hardware', cell: (e) => (e.hardware ? [e.hardware.gpuCount + ' × ' + e.hardware.gpu, h('div', { class: 'hint' }, fmt.money(e.hardware.pricePerHour) + ' per hour while up')] : '—') },
      { label: 'Scaling', cell: (e) => (e.scaling ? e.scaling.minReplicas + '–' + e.scaling.maxReplicas + ' replicas, sleeps after ' + fmt.number(e.scaling.idleSeconds) + ' s' : '—') },
      { label: 'Last request', cell: (e) => time(e.lastRequestAt) },
      { label: 'Log', cell: logs },
      { label: 'Actions', srOnly: true, actions: true, cell: (e) => actions(e, load) },
    ],
  });
}
