// The overview: what exists for the chosen organisation, and its traffic where the caller may read
// org-wide usage. Each panel appears only when its admin API is deployed (see README.md).
import { get, query, enc } from '../api.js';
import { h, fmt, clear, loading, errorBox, table, time } from '../ui.js';

const SAMPLE_SECONDS = 5;
const MAX_SAMPLES = 240;

export async function render(ctx) {
  const { access, orgId } = ctx;
  const org = enc(orgId);
  const tiles = h('div', { class: 'tiles' });
  ctx.main.append(h('h2', {}, 'Organisation ', h('code', {}, orgId)), tiles);

  const counts = [];
  if (access.platformAdmin) counts.push(['Organisations', '/admin/api/orgs', 'orgs']);
  if (access.has('teams')) counts.push(['Teams', '/admin/api/orgs/' + org + '/teams', 'teams']);
  if (access.has('users')) counts.push(['Users', '/admin/api/orgs/' + org + '/users', 'users']);
  if (access.has('keys')) counts.push([access.reach('KEY', 'read') === 'OWN_USER' ? 'Your active keys' : 'Active keys', '/admin/api/orgs/' + org + '/keys', 'keys']);
  const catalog = access.has('catalog') ? get('/admin/api/catalog').catch(() => null) : Promise.resolve(null);
  const totals = await Promise.all(counts.map(([, path]) => get(path + query({ limit: 1 })).then((p) => p.total).catch(() => null)));
  counts.forEach(([label, , page], i) => tiles.append(tile(label, fmt.number(totals[i]), h('a', { href: ctx.href(page, { org: ctx.params.org }) }, 'View'))));
  const models = await catalog;
  if (models) tiles.append(tile('Models in the catalog', fmt.number(models.models.length), h('a', { href: ctx.href('catalog', { org: ctx.params.org }) }, models.providers.length + (models.providers.length === 1 ? ' provider' : ' providers'))));

  if (access.has('traffic') && access.atLeast('USAGE', 'read', 'OWN_ORG')) {
    await traffic(ctx, org);
  }
}

function tile(label, value, sub) {
  return h('div', { class: 'tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
}

async function traffic(ctx, org) {
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'traffic-title' }, h('h2', { id: 'traffic-title' }, 'Traffic'), loading());
  ctx.main.append(panel);
  let first;
  try {
    first = await get('/admin/api/orgs/' + org + '/traffic');
  } catch (error) {
    clear(panel, h('h2', { id: 'traffic-title' }, 'Traffic'), errorBox(error, 'Traffic could not be loaded.'));
    return;
  }
  const t = first.total;
  const errorRate = t.requests ? t.errors / t.requests : null;
  const max = Math.max(1, ...first.models.map((m) => m.requests));
  clear(panel,
    h('h2', { id: 'traffic-title' }, 'Traffic'),
    h('p', { class: 'note' }, 'Counted by this gateway instance since it started ', time(first.since), '.'),
    h('div', { class: 'tiles' },
      tile('Requests', fmt.number(t.requests)),
      tile('Errors', fmt.number(t.errors), fmt.percent(errorRate) + ' of requests'),
      tile('Tokens', fmt.number(t.promptTokens + t.completionTokens), fmt.number(t.promptTokens) + ' in · ' + fmt.number(t.completionTokens) + ' out'),
      tile('Spend', fmt.money(t.costUsd))),
    h('div', {},
      h('div', {},
        h('h3', {}, 'Top models'),
        table({
          caption: 'Models by requests',
          emptyText: 'No requests yet.',
          rows: first.models.slice(0, 10),
          columns: [
            { label: 'Model', cell: (m) => h('code', {}, m.model) },
            { label: 'Requests', num: true, cell: (m) => fmt.number(m.requests) },
            { label: 'Share', cell: (m) => h('div', { class: 'bar-track', role: 'img', 'aria-label': fmt.percent(m.requests / max) + ' of the busiest model' }, h('div', { class: 'bar w' + Math.round((m.requests / max) * 10) })) },
            { label: 'Errors', num: true, cell: (m) => fmt.number(m.errors) },
            { label: 'Tokens', num: true, cell: (m) => fmt.number(m.promptTokens + m.completionTokens) },
            { label: 'Spend', num: true, cell: (m) => fmt.money(m.costUsd) },
          ],
        })),
      await liveChart(ctx, org, first)));
}

/** Requests and errors per interval, sampled while the page is open (uPlot, times in local zone). */
async function liveChart(ctx, org, first) {
  const { default: uPlot } = await import('../../vendor/uplot/uPlot.esm.js');
  const holder = h('div', { class: 'chart', role: 'img', 'aria-label': 'Requests and errors every ' + SAMPLE_SECONDS + ' seconds since this page was opened' });
  const summary = h('p', { class: 'note', 'aria-live': 'polite' }, 'Sampling every ' + SAMPLE_SECONDS + ' s while this page is open…');
  const wrap = h('div', {}, h('h3', {}, 'Live: requests and errors'), summary, holder);
  const data = [[], [], []];
  let last = first.total;
  let plot = null;
  const width = () => Math.max(280, holder.clientWidth || 480);

  const draw = () => {
    if (!plot) {
      plot = new uPlot({
        width: width(),
        height: 240,
        series: [{}, { label: 'Requests', stroke: '#1d4ed8', width: 2 }, { label: 'Errors', stroke: '#b42318', width: 2 }],
        axes: [{}, { label: 'per ' + SAMPLE_SECONDS + ' s' }],
        scales: { x: { time: true } },
      }, data, holder);
      new ResizeObserver(() => plot.setSize({ width: width(), height: 240 })).observe(holder);
    } else {
      plot.setData(data);
    }
    // At least the last five minutes, so a few samples do not stretch the axis over years.
    const latest = data[0][data[0].length - 1];
    plot.setScale('x', { min: Math.min(data[0][0], latest - 300), max: latest });
  };

  const sample = async () => {
    if (!holder.isConnected) return false;
    try {
      const now = await get('/admin/api/orgs/' + org + '/traffic');
      data[0].push(Date.now() / 1000);
      data[1].push(Math.max(0, now.total.requests - last.requests));
      data[2].push(Math.max(0, now.total.errors - last.errors));
      last = now.total;
      for (const series of data) if (series.length > MAX_SAMPLES) series.shift();
      summary.textContent = 'Last sample ' + fmt.dateTime(new Date().toISOString()) + ': ' + fmt.number(data[1][data[1].length - 1]) + ' requests, ' + fmt.number(data[2][data[2].length - 1]) + ' errors.';
      draw();
    } catch (error) {
      summary.textContent = 'Sampling stopped: ' + error.message;
      return false;
    }
    return true;
  };
  const loop = async () => { if (await sample()) setTimeout(loop, SAMPLE_SECONDS * 1000); };
  requestAnimationFrame(() => { data[0].push(Date.now() / 1000); data[1].push(0); data[2].push(0); draw(); setTimeout(loop, SAMPLE_SECONDS * 1000); });
  return wrap;
}
