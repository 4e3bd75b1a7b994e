import { post, patch, del, enc } from '../api.js';
import { h, time, list, badge, formDialog, confirm, toast } from '../ui.js';
import { listPage } from '../listing.js';
import { allowListFields, allowListsFrom, limitFields, limitsFrom, limitsCell } from '../forms.js';

export async function render(ctx) {
  const base = '/admin/api/orgs';
  const { access } = ctx;
  const platform = access.platformAdmin;
  let reload = () => {};

  const fields = (org = {}) => [
    { name: 'name', label: 'Name', value: org.name || '', required: true },
    ...allowListFields(org),
    { name: 'autoRoutingEnabled', label: 'Allow model "auto" (smart routing across providers)', type: 'checkbox', value: org.autoRoutingEnabled },
    { name: 'smartRoutingEnabled', label: 'Allow smart routing within a provider family', type: 'checkbox', value: org.smartRoutingEnabled },
    limitFields(org.limits),
  ];
  const body = (v) => ({
    name: v.name, ...allowListsFrom(v), autoRoutingEnabled: v.autoRoutingEnabled, smartRoutingEnabled: v.smartRoutingEnabled, limits: limitsFrom(v),
  });

  const create = platform
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({ title: 'Create an organisation', fields: fields(), submitLabel: 'Create organisation', onSubmit: (v) => post(base, body(v)) });
      if (created) { toast('Organisation "' + created.name + '" created.'); reload(); }
    } }, 'Create organisation')
    : null;

  reload = await listPage(ctx, {
    path: base,
    searchLabel: 'Search organisations',
    caption: platform ? 'All organisations' : 'Your organisation',
    emptyText: 'No organisations.',
    toolbar: [create],
    columns: (load) => [
      { label: 'Name', cell: (o) => h('a', { href: ctx.href('teams', { org: o.id }) }, o.name) },
      { label: 'Id', cell: (o) => h('code', {}, o.id) },
      { label: 'Allowed models', cell: (o) => list(o.allowedModels) },
      { label: 'Allowed providers', cell: (o) => list(o.allowedProviders) },
      { label: 'Routing', cell: (o) => h('div', { class: 'badges' }, o.autoRoutingEnabled ? badge('auto') : null, o.smartRoutingEnabled ? badge('smart') : null, !o.autoRoutingEnabled && !o.smartRoutingEnabled ? badge('as requested') : null) },
      { label: 'Limits', cell: (o) => limitsCell(o.limits) },
      { label: 'Created', cell: (o) => time(o.createdAt) },
      { label: 'Actions', srOnly: true, actions: true, cell: (o) => [
        access.covers('ORG', 'write', { orgId: o.id }) ? h('button', { class: 'btn small', type: 'button', 'aria-label': 'Edit organisation ' + o.name, onclick: async () => {
          const saved = await formDialog({ title: 'Edit ' + o.name, fields: fields(o), submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(o.id), body(v)) });
          if (saved) { toast('Organisation "' + saved.name + '" saved.'); load(); }
        } }, 'Edit') : null,
        platform ? h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Delete organisation ' + o.name, onclick: async () => {
          if (await confirm({ title: 'Delete ' + o.name + '?', message: 'Only an organisation without teams, users or keys can be deleted. This cannot be undone.', confirmLabel: 'Delete organisation' })) {
            try { await del(base + '/' + enc(o.id)); toast('Organisation "' + o.name + '" deleted.'); load(); } catch (e) { toast(e.message, 'error'); }
          }
        } }, 'Delete') : null,
      ] },
    ],
  });
}
