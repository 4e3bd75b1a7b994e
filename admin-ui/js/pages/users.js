import { post, patch, del, enc } from '../api.js';
import { h, time, badge, formDialog, confirm, toast } from '../ui.js';
import { listPage, selectFilter } from '../listing.js';
import { limitFields, limitsFrom, limitsCell } from '../forms.js';
import { teamsOf, byId } from '../lookups.js';

const ROLE_LABELS = {
  PLATFORM_ADMIN: 'Platform admin', ORG_ADMIN: 'Org admin', TEAM_ADMIN: 'Team admin', AUDITOR: 'Auditor', MEMBER: 'Member',
};

export async function render(ctx) {
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/users';
  const { access, session } = ctx;
  const teams = await teamsOf(access, ctx.orgId);
  const teamNames = byId(teams);
  const scope = (u) => ({ orgId: u.orgId, teamId: u.teamId, userId: u.id });
  const roles = access.grantableRoles;
  let reload = () => {};

  // Team admins place people in their own team only.
  const teamChoices = access.reach('USER', 'write') === 'OWN_TEAM'
    ? teams.filter((t) => t.id === session.teamId)
    : teams;
  const fields = (user = {}) => [
    { name: 'email', label: 'E-mail', type: 'email', value: user.email || '', required: true },
    { name: 'displayName', label: 'Display name', value: user.displayName || '' },
    { name: 'role', label: 'Role', type: 'select', value: user.role || 'MEMBER', options: roles.map((r) => ({ value: r, label: ROLE_LABELS[r] || r })) },
    { name: 'teamId', label: 'Team', type: 'select', value: user.teamId || (teamChoices.length === 1 ? teamChoices[0].id : ''),
      options: [...(access.reach('USER', 'write') === 'OWN_TEAM' ? [] : [{ value: '', label: 'No team' }]), ...teamChoices.map((t) => ({ value: t.id, label: t.name }))] },
    limitFields(user.limits),
  ];
  const body = (v, creating) => {
    const b = { email: v.email, displayName: v.displayName || null, role: v.role, limits: limitsFrom(v) };
    if (v.teamId || !creating) b.teamId = v.teamId;
    return b;
  };

  const canCreate = roles.length > 0 && access.covers('USER', 'write', { orgId: ctx.orgId, teamId: session.teamId });
  const create = canCreate
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({ title: 'Add a user', fields: fields(), submitLabel: 'Add user', onSubmit: (v) => post(base, body(v, true)) });
      if (created) { toast('User ' + created.email + ' added.'); reload(); }
    } }, 'Add user')
    : null;

  const filters = teams.length > 1 && access.atLeast('USER', 'read', 'OWN_ORG')
    ? [selectFilter(ctx, { label: 'Team', name: 'teamId', options: [{ value: '', label: 'All teams' }, ...teams.map((t) => ({ value: t.id, label: t.name }))] })]
    : [];

  reload = await listPage(ctx, {
    path: base,
    params: { teamId: ctx.params.teamId },
    searchLabel: 'Search users',
    caption: 'Users of ' + ctx.orgId,
    emptyText: 'No users yet.',
    filters,
    toolbar: [create],
    columns: (load) => [
      { label: 'E-mail', cell: (u) => h('strong', {}, u.email) },
      { label: 'Name', cell: (u) => u.displayName || '—' },
      { label: 'Role', cell: (u) => badge(ROLE_LABELS[u.role] || u.role) },
      { label: 'Team', cell: (u) => (u.teamId ? (teamNames.get(u.teamId)?.name || u.teamId) : '—') },
      { label: 'Limits', cell: (u) => limitsCell(u.limits) },
      { label: 'Created', cell: (u) => time(u.createdAt) },
      { label: 'Actions', srOnly: true, actions: true, cell: (u) => (u.id !== session.userId && access.covers('USER', 'write', scope(u)) && roles.includes(u.role)) ? [
        h('button', { class: 'btn small', type: 'button', 'aria-label': 'Edit user ' + u.email, onclick: async () => {
          const saved = await formDialog({ title: 'Edit ' + u.email, fields: fields(u), submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(u.id), body(v, false)) });
          if (saved) { toast('User ' + saved.email + ' saved.'); load(); }
        } }, 'Edit'),
        h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Delete user ' + u.email, onclick: async () => {
          if (await confirm({ title: 'Delete ' + u.email + '?', message: 'Their keys are revoked at once and stop working on every instance. This cannot be undone.', confirmLabel: 'Delete user' })) {
            try { await del(base + '/' + enc(u.id)); toast('User ' + u.email + ' deleted.'); load(); } catch (e) { toast(e.message, 'error'); }
          }
        } }, 'Delete'),
      ] : '' },
    ],
  });
}
