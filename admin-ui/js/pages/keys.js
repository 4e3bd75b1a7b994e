import { post, patch, enc } from '../api.js';
import { h, time, list, badge, formDialog, confirm, toast, showSecret, splitList, fmt } from '../ui.js';
import { listPage, selectFilter, checkFilter } from '../listing.js';
import { allowListFields, allowListsFrom, limitFields, limitsFrom, limitsCell } from '../forms.js';
import { teamsOf, usersOf, byId } from '../lookups.js';

export async function render(ctx) {
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/keys';
  const { access, session } = ctx;
  const [teams, users] = await Promise.all([teamsOf(access, ctx.orgId), usersOf(access, ctx.orgId)]);
  const teamNames = byId(teams);
  const people = byId(users);
  const scope = (k) => ({ orgId: k.orgId, teamId: k.teamId, userId: k.userId });
  let reload = () => {};

  // Whose keys the caller may create: everyone in reach, or only themselves.
  const owners = users.filter((u) => access.covers('KEY', 'write', { orgId: u.orgId, teamId: u.teamId, userId: u.id }));
  const fields = (key = {}, creating = false) => [
    { name: 'name', label: 'Name', value: key.name || '', required: true, hint: 'What the key is for, e.g. the application that uses it.' },
    creating && owners.length > 1
      ? { name: 'userId', label: 'Owner', type: 'select', value: session.userId, options: owners.map((u) => ({ value: u.id, label: u.email + (u.id === session.userId ? ' (you)' : '') })) }
      : null,
    ...allowListFields(key),
    limitFields(key.limits),
    { name: 'tags', label: 'Tags', value: (key.tags || []).join(', '), hint: 'Comma-separated.' },
    { name: 'expiresAt', label: 'Expires', type: 'datetime-local', value: fmt.localInput(key.expiresAt), hint: 'In your time zone. Empty: never.' },
  ].filter(Boolean);
  const body = (v, creating) => {
    const b = { name: v.name, ...allowListsFrom(v), limits: limitsFrom(v), tags: splitList(v.tags) };
    if (creating && v.userId) b.userId = v.userId;
    if (v.expiresAt) {
      const instant = new Date(v.expiresAt);
      b.expiresAt = isNaN(instant) ? v.expiresAt : instant.toISOString();
    } else if (!creating) {
      b.expiresAt = '';
    }
    return b;
  };

  const canCreate = access.covers('KEY', 'write', { orgId: ctx.orgId, teamId: session.teamId, userId: session.userId });
  const create = canCreate
    ? h('button', { class: 'btn primary', type: 'button', onclick: async () => {
      const created = await formDialog({ title: 'Create an API key', fields: fields({}, true), submitLabel: 'Create key', onSubmit: (v) => post(base, body(v, true)) });
      if (created) {
        await showSecret({ title: 'Key "' + created.details.name + '" created', secret: created.key, display: created.details.display });
        reload();
      }
    } }, 'Create key')
    : null;

  const filters = [];
  if (teams.length > 1 && access.atLeast('KEY', 'read', 'OWN_ORG')) {
    filters.push(selectFilter(ctx, { label: 'Team', name: 'teamId', options: [{ value: '', label: 'All teams' }, ...teams.map((t) => ({ value: t.id, label: t.name }))] }));
  }
  filters.push(checkFilter(ctx, { label: 'Show revoked', name: 'includeRevoked' }));

  const actions = (k, load) => {
    if (k.status === 'revoked' || !access.covers('KEY', 'write', scope(k))) return '';
    return [
      h('button', { class: 'btn small', type: 'button', 'aria-label': 'Edit key ' + k.name, onclick: async () => {
        const saved = await formDialog({ title: 'Edit key ' + k.name, fields: fields(k), submitLabel: 'Save', onSubmit: (v) => patch(base + '/' + enc(k.id), body(v, false)) });
        if (saved) { toast('Key "' + saved.name + '" saved.'); load(); }
      } }, 'Edit'),
      h('button', { class: 'btn small', type: 'button', 'aria-label': 'Rotate key ' + k.name, onclick: async () => {
        if (!await confirm({ title: 'Rotate key ' + k.name + '?', message: 'A new key with the same settings is issued, and ' + k.display + ' is refused from now on, on every instance.', confirmLabel: 'Rotate key' })) return;
        try {
          const rotated = await post(base + '/' + enc(k.id) + '/rotate');
          await showSecret({ title: 'Key "' + rotated.details.name + '" rotated', secret: rotated.key, display: rotated.details.display });
          load();
        } catch (e) { toast(e.message, 'error'); }
      } }, 'Rotate'),
      h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Revoke key ' + k.name, onclick: async () => {
        if (!await confirm({ title: 'Revoke key ' + k.name + '?', message: 'Applications using ' + k.display + ' are refused (401) at once, on every instance. This cannot be undone.', confirmLabel: 'Revoke key' })) return;
        try { await post(base + '/' + enc(k.id) + '/revoke'); toast('Key "' + k.name + '" revoked.'); load(); } catch (e) { toast(e.message, 'error'); }
      } }, 'Revoke'),
    ];
  };

  reload = await listPage(ctx, {
    path: base,
    params: { teamId: ctx.params.teamId, includeRevoked: ctx.params.includeRevoked === 'true' },
    searchLabel: 'Search keys',
    caption: access.reach('KEY', 'read') === 'OWN_USER' ? 'Your keys' : access.reach('KEY', 'read') === 'OWN_TEAM' ? 'Keys of your team' : 'Keys of ' + ctx.orgId,
    emptyText: 'No keys yet.',
    filters,
    toolbar: [create],
    columns: (load) => [
      { label: 'Name', cell: (k) => h('strong', {}, k.name) },
      { label: 'Key', cell: (k) => h('code', {}, k.display) },
      { label: 'Owner', cell: (k) => [people.get(k.userId)?.email || k.userId, k.teamId ? h('div', { class: 'hint' }, 'team ' + (teamNames.get(k.teamId)?.name || k.teamId)) : null] },
      { label: 'Models', cell: (k) => list(k.allowedModels) },
      { label: 'Limits', cell: (k) => limitsCell(k.limits) },
      { label: 'Status', cell: (k) => [badge(k.status, k.status), k.expiresAt && k.status === 'active' ? h('div', { class: 'hint' }, 'expires ', time(k.expiresAt)) : null] },
      { label: 'Created', cell: (k) => time(k.createdAt) },
      { label: 'Actions', srOnly: true, actions: true, cell: (k) => actions(k, load) },
    ],
  });
}
