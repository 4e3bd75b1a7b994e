// The console shell: sign-in, navigation built from the deployed features, hash routing.
import { get, del, request, useCsrfToken, whenSessionLost, query, enc } from './api.js';
import { h, clear, loading, errorBox, nextId, timeZone, fmt } from './ui.js';
import { Access } from './access.js';
import { PAGES } from './pages.js';

const app = document.getElementById('app');
const ROLE_NAMES = { PLATFORM_ADMIN: 'Platform admin', ORG_ADMIN: 'Org admin', TEAM_ADMIN: 'Team admin', AUDITOR: 'Auditor', MEMBER: 'Member' };
let state = null; // { session, access, orgs, me }

whenSessionLost((error) => {
  if (state) {
    state = null;
    useCsrfToken(null);
    showSignIn(error.code === 'session_expired' ? 'Your session has ended. Sign in again.' : error.message);
  }
});

async function boot() {
  try {
    const session = await get('/admin/api/session', { quiet401: true });
    await start(session);
  } catch (error) {
    if (error.status === 401) showSignIn();
    else clear(app, h('main', { id: 'main', class: 'boot', tabindex: '-1' }, errorBox(error, 'The console could not start.')));
  }
}

function showSignIn(message) {
  const keyId = nextId('key');
  const errorId = keyId + '-error';
  const input = h('input', { id: keyId, name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': keyId + '-hint' });
  const fieldError = h('div', { class: 'error', id: errorId });
  const notice = h('div', {}, message ? h('div', { class: 'alert warn', role: 'status' }, message) : null);
  const button = h('button', { class: 'btn primary', type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'signin', novalidate: true, 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Hyperion admin'),
    h('p', {}, 'Sign in with your Hyperion key. It is exchanged for a session and never stored in this browser.'),
    notice,
    h('div', { class: 'field' },
      h('label', { for: keyId }, 'Your key'),
      input,
      h('span', { class: 'hint', id: keyId + '-hint' }, 'hk-… (the bootstrap key works for the first sign-in)'),
      fieldError),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError.textContent = '';
    input.removeAttribute('aria-invalid');
    if (!input.value.trim()) {
      fieldError.textContent = 'Enter your key.';
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', keyId + '-hint ' + errorId);
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const session = await request('POST', '/admin/api/session', { key: input.value.trim() }, { quiet401: true });
      input.value = '';
      await start(session);
    } catch (error) {
      button.disabled = false;
      fieldError.textContent = error.message;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', keyId + '-hint ' + errorId);
      input.focus();
    }
  });
  clear(app, h('main', { id: 'main', tabindex: '-1' }, form));
  document.title = 'Sign in · Hyperion admin';
  input.focus();
}

async function start(session) {
  useCsrfToken(session.csrfToken);
  clear(app, h('main', { id: 'main', class: 'boot', tabindex: '-1' }, loading('Loading your console…')));
  const features = await get('/admin/api/features');
  const access = new Access(session, features);
  const orgs = access.platformAdmin ? (await get('/admin/api/orgs' + query({ limit: 500 }))).data : [];
  let me = null;
  try {
    me = await get('/admin/api/orgs/' + enc(session.orgId) + '/users/' + enc(session.userId));
  } catch (error) {
    me = null; // the role may not read its own record: the id is shown instead
  }
  state = { session, access, orgs, me };
  window.removeEventListener('hashchange', route);
  window.addEventListener('hashchange', route);
  route();
}

async function signOut() {
  try {
    await del('/admin/api/session');
  } finally {
    state = null;
    useCsrfToken(null);
    history.replaceState(null, '', location.pathname);
    showSignIn('You have signed out.');
  }
}

/** #/keys?org=org_x&q=abc → {page: 'keys', params: {org, q}} */
function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  return { page: path || 'overview', params: Object.fromEntries(new URLSearchParams(search || '')) };
}

export function href(page, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  return '#/' + page + (search ? '?' + search : '');
}

function visiblePages() {
  return PAGES.filter((p) => p.feature === null || state.access.has(p.feature));
}

async function route() {
  if (!state) return;
  const { page, params } = parseHash();
  const pages = visiblePages();
  const current = pages.find((p) => p.id === page);
  const orgId = params.org || state.session.orgId;
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  clear(app, topbar(current, orgId, params), h('div', { class: 'layout' }, nav(pages, current, orgId), main));
  if (!current) {
    clear(main, h('h1', {}, 'Page not found'), h('p', {}, 'This page does not exist here, or your role may not see it. ', h('a', { href: href('overview') }, 'Go to the overview')));
    document.title = 'Not found · Hyperion admin';
    return;
  }
  document.title = current.title + ' · Hyperion admin';
  main.append(h('h1', {}, current.title), loading());
  if (document.activeElement === document.body || !document.activeElement || !app.contains(document.activeElement)) main.focus({ preventScroll: true });
  try {
    const module = await current.load();
    const ctx = {
      main,
      session: state.session,
      access: state.access,
      orgId,
      params,
      title: current.title,
      /** Re-renders this page with other parameters (search, paging, filters). */
      go: (next) => { location.hash = href(current.id, { org: params.org, ...next }); },
      href,
    };
    clear(main, h('h1', {}, current.title));
    await module.render(ctx);
    const endsAt = new Date(Date.parse(state.session.signedInAt) + state.session.absoluteTimeoutSeconds * 1000).toISOString();
    main.append(h('p', { class: 'footer-note' }, 'Times are shown in your time zone (' + timeZone + '). Your session ends at ' + fmt.dateTime(endsAt)
      + ' at the latest, or after ' + Math.round(state.session.idleTimeoutSeconds / 60) + ' minutes without activity.'));
  } catch (error) {
    clear(main, h('h1', {}, current.title), errorBox(error, 'This page could not be loaded.'));
  }
}

function topbar(current, orgId, params) {
  const { session, access, orgs, me } = state;
  let orgPicker = null;
  if (access.platformAdmin && orgs.length > 0) {
    const id = nextId('org');
    const select = h('select', { id }, orgs.map((o) => h('option', { value: o.id, selected: o.id === orgId }, o.name + ' (' + o.id + ')')));
    select.addEventListener('change', () => { location.hash = href(current ? current.id : 'overview', { org: select.value }); });
    orgPicker = h('span', {}, h('label', { for: id }, 'Organisation '), select);
  }
  const who = me ? me.email : session.userId;
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: href('overview') }, 'Hyperion admin'),
    orgPicker,
    h('span', { class: 'who', 'data-role': session.role, title: me && me.displayName ? me.displayName : null }, who + ' · ' + ROLE_NAMES[session.role]),
    h('button', { class: 'btn small', type: 'button', onclick: signOut }, 'Sign out'));
}

function nav(pages, current, orgId) {
  const org = orgId === state.session.orgId ? undefined : orgId;
  return h('nav', { class: 'sidenav', 'aria-label': 'Main' },
    h('ul', {}, pages.map((p) => h('li', {}, h('a', { href: href(p.id, { org }), 'aria-current': current && current.id === p.id ? 'page' : null, 'data-page': p.id }, p.title)))));
}

boot();
