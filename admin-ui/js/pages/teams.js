import { post, patch, del, enc } from '../api.js';
import { h, time, list, formDialog, confirm, toast } from '../ui.js';
import { listPage } from '../listing.js';
import { allowListFields, allowListsFrom, limitFields, limitsFrom, limitsCell } from '../forms.js';

export async function render(ctx) {
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/teams';
  const { access } = ctx;
  const scope = (team) => ({ orgId: team.orgId, teamId: team.id });
  let reload = () => {};

  const fields = (team = {}) => [
    { name: 'name', label: 'Name', value: team.name || '', required: true },
    ...allowListFields(team),
    limitFields(team.limits),
  ];
  const body = (v) => ({ name: v.name, ...allowListsFrom(v), limits: limitsFrom(v) });

  const create = access.covers('TEAM', 'write', { orgId: ctx.orgId })
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({ title: 'Create a team', fields: fields(), submitLabel: 'Create team', onSubmit: (v) => post(base, body(v)) });
      if (created) { toast('Team "' + created.name + '" created.'); reload(); }
    } }, 'Create team')
    : null;

  reload = await listPage(ctx, {
    path: base,
    searchLabel: 'Search teams',
    caption: 'Teams of ' + ctx.orgId,
    emptyText: 'No teams yet.',
    toolbar: [create],
    columns: (load) => [
      { label: 'Name', cell: (t) => h('strong', {}, t.name) },
      { label: 'Id', cell: (t) => h('code', {}, t.id) },
      { label: 'Allowed models', cell: (t) => list(t.allowedModels) },
      { label: 'Allowed providers', cell: (t) => list(t.allowedProviders) },
      { label: 'Limits', cell: (t) => limitsCell(t.limits) },
      { label: 'Created', cell: (t) => time(t.createdAt) },
      { label: 'Actions', srOnly: true, actions: true, cell: (t) => access.covers('TEAM', 'write', scope(t)) ? [
        h('button', { class: 'btn small', type: 'button', 'aria-label': 'Edit team ' + t.name, onclick: async () => {
          const saved = await formDialog({ title: 'Edit team ' + t.name, fields: fields(t), submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(t.id), body(v)) });
          if (saved) { toast('Team "' + saved.name + '" saved.'); load(); }
        } }, 'Edit'),
        h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Delete team ' + t.name, onclick: async () => {
          if (await confirm({ title: 'Delete team ' + t.name + '?', message: 'The team must have no users or keys left. This cannot be undone.', confirmLabel: 'Delete team' })) {
            try { await del(base + '/' + enc(t.id)); toast('Team "' + t.name + '" deleted.'); load(); } catch (e) { toast(e.message, 'error'); }
          }
        } }, 'Delete'),
      ] : '' },
    ],
  });
}
