// Routing and cache settings of one organisation: what the gateway may do with its requests
// (providers, smart and auto routing, fallbacks, A/B splits, shadow) and how it caches answers.
import { get, put, patch, post, enc } from '../api.js';
import { h, clear, loading, errorBox, badge, list, fmt, time, formDialog, confirm, toast, splitList, optionalNumber } from '../ui.js';

const yesNo = (on) => badge(on ? 'on' : 'off', on ? 'active' : 'neutral');

function facts(rows) {
  return h('dl', { class: 'detail' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

export async function render(ctx) {
  const { access } = ctx;
  const org = '/admin/api/orgs/' + enc(ctx.orgId);
  const canWrite = access.covers('ORG', 'write', { orgId: ctx.orgId });
  const routingBox = h('section', { 'aria-labelledby': 'routing-title' }, h('h2', { id: 'routing-title' }, 'Routing'), loading());
  const cacheBox = h('section', { 'aria-labelledby': 'cache-title' }, h('h2', { id: 'cache-title' }, 'Response cache'), loading());
  ctx.main.append(routingBox, cacheBox);

  async function showRouting() {
    try {
      const p = await get(org + '/routing');
      clear(routingBox, h('h2', { id: 'routing-title' }, 'Routing'),
        facts([
          ['Allowed providers', list(p.allowedProviders ? [...p.allowedProviders] : [], 'any')],
          ['Smart routing (smart_routing: true)', yesNo(p.smartRoutingEnabled)],
          ['model: "auto"', yesNo(p.autoRoutingEnabled)],
          ['Default fallbacks', list(p.defaultFallbacks, 'none')],
          ['A/B splits', (p.abSplits || []).length ? h('ul', { class: 'changes' }, p.abSplits.map((s) => h('li', {}, h('strong', {}, s.name), ' on ', s.model, ': ', s.arms.map((a) => a.model + ' ' + a.weight + ' %').join(', '), s.sticky ? ' (sticky per ' + s.sticky + ')' : ''))) : 'none'],
          ['Shadow traffic', p.shadow ? p.shadow.sourceModel + ' → ' + p.shadow.targetModel + ', ' + fmt.percent(p.shadow.sampleRate) + ' of requests' : 'off'],
        ]),
        canWrite ? h('button', { class: 'btn', type: 'button', onclick: async () => {
          const saved = await formDialog({
            title: 'Routing of ' + ctx.orgId,
            fields: [
              { name: 'allowedProviders', label: 'Allowed providers', value: [...(p.allowedProviders || [])].join(', '), hint: 'Comma-separated. Empty: every configured provider.' },
              { name: 'smartRoutingEnabled', label: 'Allow smart routing to cheaper models of the same family', type: 'checkbox', value: p.smartRoutingEnabled },
              { name: 'autoRoutingEnabled', label: 'Allow model "auto"', type: 'checkbox', value: p.autoRoutingEnabled },
              { name: 'defaultFallbacks', label: 'Default fallbacks', value: (p.defaultFallbacks || []).join(', '), hint: 'Comma-separated models, tried in order when the requested one fails.' },
            ],
            submitLabel: 'Save',
            onSubmit: (v) => put(org + '/routing', {
              allowedProviders: splitList(v.allowedProviders), smartRoutingEnabled: !!v.smartRoutingEnabled, autoRoutingEnabled: !!v.autoRoutingEnabled,
              defaultFallbacks: splitList(v.defaultFallbacks), abSplits: p.abSplits || [], shadow: p.shadow || null,
            }),
          });
          if (saved) { toast('Routing saved.'); showRouting(); }
        } }, 'Edit routing') : null);
    } catch (error) {
      clear(routingBox, h('h2', { id: 'routing-title' }, 'Routing'), errorBox(error, 'Could not load the routing settings.'));
    }
  }

  async function showCache() {
    try {
      const [s, stats] = await Promise.all([get(org + '/cache/settings'), get(org + '/cache/stats').catch(() => null)]);
      const tier = (t) => (t ? fmt.number(t.hits) + ' hits · ' + fmt.number(t.misses) + ' misses · ' + fmt.percent(t.hits + t.misses ? t.hits / (t.hits + t.misses) : null) + ' hit ratio' + (t.entries !== undefined ? ' · ' + fmt.number(t.entries) + ' entries' : '') : '—');
      clear(cacheBox, h('h2', { id: 'cache-title' }, 'Response cache'),
        facts([
          ['Exact (L1)', yesNo(s.exactEnabled)],
          ['Semantic (L2)', yesNo(s.semanticEnabled)],
          ['Shared within', s.scope],
          ['Time to live', fmt.number(s.ttlSeconds) + ' s'],
          ['Similarity threshold', String(s.similarityThreshold)],
          ['Maximum entries', fmt.number(s.maxEntries)],
          ['Cache tool-call answers', yesNo(s.cacheToolCalls)],
          ...(stats ? [['L1', tier(stats.l1)], ['L2', tier(stats.l2)], ['Saved', fmt.money(stats.savedCostUsd)]] : []),
          ['Updated', s.updatedAt ? time(s.updatedAt) : 'defaults'],
        ]),
        canWrite ? h('div', { class: 'toolbar' },
          h('button', { class: 'btn', type: 'button', onclick: async () => {
            const saved = await formDialog({
              title: 'Cache of ' + ctx.orgId,
              fields: [
                { name: 'exactEnabled', label: 'Exact cache (L1)', type: 'checkbox', value: s.exactEnabled },
                { name: 'semanticEnabled', label: 'Semantic cache (L2)', type: 'checkbox', value: s.semanticEnabled },
                { name: 'scope', label: 'Shared within', type: 'select', value: s.scope, options: ['org', 'team', 'key'].map((x) => ({ value: x, label: x })) },
                { name: 'ttlSeconds', label: 'Time to live (seconds)', type: 'number', min: 1, value: s.ttlSeconds },
                { name: 'similarityThreshold', label: 'Similarity threshold (0–1)', type: 'number', value: s.similarityThreshold },
                { name: 'maxEntries', label: 'Maximum entries', type: 'number', min: 1, value: s.maxEntries },
                { name: 'cacheToolCalls', label: 'Cache answers that call tools', type: 'checkbox', value: s.cacheToolCalls },
              ],
              submitLabel: 'Save',
              onSubmit: (v) => patch(org + '/cache/settings', {
                exactEnabled: !!v.exactEnabled, semanticEnabled: !!v.semanticEnabled, scope: v.scope, ttlSeconds: optionalNumber(v.ttlSeconds),
                similarityThreshold: v.similarityThreshold === '' ? null : Number(v.similarityThreshold), maxEntries: optionalNumber(v.maxEntries), cacheToolCalls: !!v.cacheToolCalls,
              }),
            });
            if (saved) { toast('Cache settings saved.'); showCache(); }
          } }, 'Edit cache'),
          h('button', { class: 'btn danger', type: 'button', onclick: async () => {
            if (!await confirm({ title: 'Purge the cache of ' + ctx.orgId + '?', message: 'Every cached answer of the organisation is removed; the next requests go to the providers.', confirmLabel: 'Purge cache' })) return;
            try { await post(org + '/cache/purge', {}); toast('Cache purged.'); showCache(); } catch (e) { toast(e.message, 'error'); }
          } }, 'Purge cache')) : null);
    } catch (error) {
      clear(cacheBox, h('h2', { id: 'cache-title' }, 'Response cache'), errorBox(error, 'Could not load the cache settings.'));
    }
  }

  await Promise.all([showRouting(), showCache()]);
}
