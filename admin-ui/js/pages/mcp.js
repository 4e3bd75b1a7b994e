// MCP tools: the upstream MCP servers of gateway.yaml with their health and tools, the org's tokens
// for them (set or removed, never shown), and the tool allow-lists of the org, its teams and keys.
import { get, put, del, enc } from '../api.js';
import { h, clear, loading, errorBox, badge, time, table, formDialog, confirm, toast } from '../ui.js';

const STATUS_KIND = { up: 'active', down: 'revoked', unknown: 'neutral' };
const LEVELS = ['org', 'team', 'key'];

export async function render(ctx) {
  const { access } = ctx;
  const base = '/admin/api/orgs/' + enc(ctx.orgId) + '/mcp';
  const canWrite = access.covers('ORG', 'write', { orgId: ctx.orgId });
  const serversBox = h('section', { 'aria-labelledby': 'mcp-servers-title' }, h('h2', { id: 'mcp-servers-title' }, 'MCP servers'), loading());
  const grantsBox = h('section', { 'aria-labelledby': 'mcp-grants-title' }, h('h2', { id: 'mcp-grants-title' }, 'Tool permissions'), loading());
  ctx.main.append(serversBox, grantsBox);
  let servers = [];

  // Loaded when opened: listing a server's tools calls it, and a down one answers only at its timeout.
  const tools = (s) => {
    const box = h('div', { class: 'hint' }, 'Loading…');
    const details = h('details', {}, h('summary', {}, 'Tools'), box);
    details.addEventListener('toggle', () => {
      if (!details.open || box.dataset.loaded) return;
      box.dataset.loaded = 'yes';
      get(base + '/servers/' + enc(s.name) + '/tools')
        .then((t) => { box.textContent = t.tools.length ? t.tools.map((name) => s.name + '__' + name).join(', ') : '(none)'; })
        .catch((err) => { box.textContent = err.message; });
    });
    return details;
  };

  const tokenActions = (s, held) => (canWrite && s.transport !== 'stdio' ? [
    h('button', { class: 'btn small', type: 'button', 'aria-label': 'Set the token for ' + s.name, onclick: async () => {
      const saved = await formDialog({
        title: 'Token for ' + s.name,
        intro: 'Sent to the server as a bearer token on this organisation\'s calls. Stored encrypted; never shown again.',
        fields: [{ name: 'token', label: 'Token', type: 'password', required: true }],
        submitLabel: 'Save token',
        onSubmit: (v) => put(base + '/credentials/' + enc(s.name), { token: v.token }),
      });
      if (saved) { toast('Token for ' + s.name + ' saved.'); showServers(); }
    } }, held ? 'Replace token' : 'Set token'),
    held ? h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Remove the token for ' + s.name, onclick: async () => {
      if (!await confirm({ title: 'Remove the token for ' + s.name + '?', message: 'Calls of this organisation reach the server without it from then on.', confirmLabel: 'Remove token' })) return;
      try { await del(base + '/credentials/' + enc(s.name)); toast('Token removed.'); showServers(); } catch (err) { toast(err.message, 'error'); }
    } }, 'Remove token') : null,
  ] : '');

  async function showServers() {
    try {
      const [list, creds] = await Promise.all([get(base + '/servers'), get(base + '/credentials')]);
      servers = list;
      const held = new Set(creds.filter((c) => c.configured).map((c) => c.server));
      clear(serversBox, h('h2', { id: 'mcp-servers-title' }, 'MCP servers'),
        table({
          caption: 'MCP servers reachable through /mcp',
          emptyText: 'No MCP servers are configured (gateway.yaml, section mcp).',
          rows: list,
          columns: [
            { label: 'Server', cell: (s) => [h('strong', {}, s.name), s.description ? h('div', { class: 'hint' }, s.description) : null] },
            { label: 'Transport', cell: (s) => s.transport },
            { label: 'Status', cell: (s) => [badge(s.status, STATUS_KIND[s.status] || 'neutral'), s.lastError ? h('div', { class: 'hint' }, s.lastError) : null] },
            { label: 'Last answered', cell: (s) => time(s.lastOkAt) },
            { label: 'Connections', num: true, cell: (s) => String(s.connections) },
            { label: 'Token', cell: (s) => (s.transport === 'stdio' ? 'from gateway.yaml' : held.has(s.name) ? badge('set', 'active') : 'none') },
            { label: 'Tools', cell: tools },
            { label: 'Actions', srOnly: true, actions: true, cell: (s) => tokenActions(s, held.has(s.name)) },
          ],
        }));
    } catch (error) {
      clear(serversBox, h('h2', { id: 'mcp-servers-title' }, 'MCP servers'), errorBox(error, 'Could not load the MCP servers.'));
    }
  }

  async function saveGrants(grants, message) {
    try {
      await put(base + '/grants', { grants });
      toast(message);
      showGrants();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function showGrants() {
    try {
      const { grants } = await get(base + '/grants');
      const add = canWrite ? h('button', { class: 'btn', type: 'button', onclick: async () => {
        const saved = await formDialog({
          title: 'Allow a tool',
          intro: 'A level with no entries allows every tool; once it has one, it allows only what it lists. Org, team and key lists all apply.',
          fields: [
            { name: 'level', label: 'Level', type: 'select', value: 'org', options: LEVELS.map((l) => ({ value: l, label: l })) },
            { name: 'subjectId', label: 'Org, team or key id', required: true, value: ctx.orgId },
            { name: 'server', label: 'Server', type: 'select', value: servers[0]?.name || '', options: servers.map((s) => ({ value: s.name, label: s.name })) },
            { name: 'tool', label: 'Tool', required: true, value: '*', hint: 'The tool\'s name on its server (without the server__ prefix), or * for all.' },
          ],
          submitLabel: 'Allow',
          onSubmit: (v) => put(base + '/grants', {
            grants: [...grants, { level: v.level, subjectId: v.subjectId.trim(), server: v.server, tool: v.tool.trim() }],
          }),
        });
        if (saved) { toast('Tool permission added.'); showGrants(); }
      } }, 'Allow a tool') : null;
      clear(grantsBox, h('h2', { id: 'mcp-grants-title' }, 'Tool permissions'),
        h('p', { class: 'hint' }, 'Each key sees and calls only the tools every level above it allows.'),
        add,
        table({
          caption: 'Tool allow-lists of ' + ctx.orgId,
          emptyText: 'No allow-lists: every key of this organisation may use every tool.',
          rows: grants,
          columns: [
            { label: 'Level', cell: (g) => g.level },
            { label: 'Subject', cell: (g) => h('code', {}, g.subjectId) },
            { label: 'Server', cell: (g) => g.server },
            { label: 'Tool', cell: (g) => (g.tool === '*' ? 'all tools' : g.tool) },
            { label: 'Actions', srOnly: true, actions: true, cell: (g) => (canWrite ? h('button', { class: 'btn small danger', type: 'button', 'aria-label': 'Remove ' + g.level + ' ' + g.subjectId + ' ' + g.server + ' ' + g.tool, onclick: async () => {
              if (!await confirm({ title: 'Remove this permission?', message: g.level + ' ' + g.subjectId + ' loses ' + g.server + '__' + g.tool + '.', confirmLabel: 'Remove' })) return;
              saveGrants(grants.filter((x) => x !== g), 'Permission removed.');
            } }, 'Remove') : '') },
          ],
        }));
    } catch (error) {
      clear(grantsBox, h('h2', { id: 'mcp-grants-title' }, 'Tool permissions'), errorBox(error, 'Could not load the tool permissions.'));
    }
  }

  await Promise.all([showServers(), showGrants()]);
}
