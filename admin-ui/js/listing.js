// The list page every tenancy area shares: a toolbar (search, filters, actions), a table of one
// page of results, and paging, all kept in the URL so Back and reload keep the view.
import { get, query } from './api.js';
import { h, clear, loading, errorBox, table, pager, searchBox } from './ui.js';

export const PAGE_SIZE = 20;

/**
 * options: {
 *   path: the listing URL, searchLabel, caption, emptyText,
 *   columns: (reload) => table columns,
 *   filters: [nodes] shown after the search box, toolbar: [nodes] shown at the right,
 *   params: extra query parameters for the listing
 * }
 */
export async function listPage(ctx, options) {
  const offset = Math.max(0, parseInt(ctx.params.offset || '0', 10) || 0);
  const q = ctx.params.q || '';
  const toolbar = h('div', { class: 'toolbar' },
    searchBox({ label: options.searchLabel, value: q, onSearch: (text) => ctx.go({ ...keep(ctx.params), q: text, offset: 0 }) }),
    options.filters || [],
    h('span', { class: 'spacer' }),
    options.toolbar || []);
  const results = h('div', { 'aria-live': 'polite' }, loading());
  ctx.main.append(toolbar, results);

  async function load() {
    clear(results, loading());
    try {
      const page = await get(options.path + query({ ...(options.params || {}), q, offset, limit: PAGE_SIZE }));
      clear(results, table({
        caption: options.caption,
        columns: options.columns(load),
        rows: page.data,
        emptyText: q ? 'Nothing matches "' + q + '".' : options.emptyText,
        footer: page.total > 0 ? pager({ total: page.total, offset: page.offset, limit: page.limit, onPage: (next) => ctx.go({ ...keep(ctx.params), offset: next }) }) : null,
      }));
    } catch (error) {
      clear(results, errorBox(error, 'Could not load the list.'));
    }
  }
  await load();
  return load;
}

/** The page's URL parameters without the org (added by ctx.go) and paging. */
export function keep(params) {
  const { org, offset, ...rest } = params;
  return rest;
}

/** A labelled <select> filter that updates one URL parameter. */
export function selectFilter(ctx, { label, name, options }) {
  const id = 'filter-' + name;
  const select = h('select', { id }, options.map((o) => h('option', { value: o.value, selected: (ctx.params[name] || '') === o.value }, o.label)));
  select.addEventListener('change', () => ctx.go({ ...keep(ctx.params), [name]: select.value, offset: 0 }));
  return h('div', { class: 'field' }, h('label', { for: id }, label), select);
}

/** A checkbox filter bound to a URL parameter ("true" when checked). */
export function checkFilter(ctx, { label, name }) {
  const id = 'filter-' + name;
  const box = h('input', { id, type: 'checkbox', checked: ctx.params[name] === 'true' });
  box.addEventListener('change', () => ctx.go({ ...keep(ctx.params), [name]: box.checked ? 'true' : '', offset: 0 }));
  return h('div', { class: 'field' }, h('span', { class: 'check' }, box, h('label', { for: id }, label)));
}
