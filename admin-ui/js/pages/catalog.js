import { get } from '../api.js';
import { h, fmt, list, badge, table, searchBox, clear } from '../ui.js';
import { keep } from '../listing.js';

const CREDENTIALS = {
  configured: ['API keys set', 'active'],
  missing: ['API keys missing', 'revoked'],
  'not-listed': ['no API keys listed', 'neutral'],
};

export async function render(ctx) {
  const catalog = await get('/admin/api/catalog');
  const operator = catalog.providers.some((p) => p.baseUrl !== null && p.baseUrl !== undefined);
  const q = (ctx.params.q || '').toLowerCase();

  ctx.main.append(h('h2', {}, 'Providers'), table({
    caption: 'Configured providers (gateway.yaml)',
    emptyText: 'No providers are configured.',
    rows: catalog.providers,
    columns: [
      { label: 'Name', cell: (p) => h('strong', {}, p.name) },
      { label: 'Type', cell: (p) => badge(p.type) },
      { label: 'Models', num: true, cell: (p) => fmt.number(p.models) },
      ...(operator ? [
        { label: 'Base URL', cell: (p) => h('code', {}, p.baseUrl) },
        { label: 'Credentials', cell: (p) => { const [text, kind] = CREDENTIALS[p.credentials] || [p.credentials, 'neutral']; return badge(text, kind); } },
      ] : []),
    ],
  }));

  const models = catalog.models.filter((m) => !q || [m.id, m.provider, m.family, m.upstreamModel, ...(m.aliases || [])].some((s) => s && s.toLowerCase().includes(q)));
  const results = h('div', { 'aria-live': 'polite' });
  ctx.main.append(
    h('h2', {}, 'Models'),
    h('div', { class: 'toolbar' }, searchBox({ label: 'Search models', value: ctx.params.q, onSearch: (text) => ctx.go({ ...keep(ctx.params), q: text }) })),
    results);
  clear(results, table({
    caption: 'Prices in US dollars per million tokens',
    emptyText: q ? 'No model matches "' + ctx.params.q + '".' : 'The catalog has no models.',
    rows: models,
    columns: [
      { label: 'Model', cell: (m) => [h('strong', {}, m.id), m.family ? h('div', { class: 'hint' }, 'family ' + m.family) : null, m.aliases && m.aliases.length ? h('div', { class: 'hint' }, 'aliases: ' + m.aliases.join(', ')) : null] },
      { label: 'Provider', cell: (m) => [m.provider, h('div', { class: 'hint' }, h('code', {}, m.upstreamModel))] },
      { label: 'Capabilities', cell: (m) => list(m.capabilities, 'none') },
      { label: 'Context', num: true, cell: (m) => (m.contextWindow ? fmt.number(m.contextWindow) : '—') },
      { label: 'Input', num: true, cell: (m) => fmt.price(m.inputPrice) },
      { label: 'Output', num: true, cell: (m) => fmt.price(m.outputPrice) },
      { label: 'Cache read / write', num: true, cell: (m) => fmt.price(m.cachedInputPrice) + ' / ' + fmt.price(m.cacheWritePrice) },
    ],
  }));
}
