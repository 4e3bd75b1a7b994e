// Small DOM toolkit: elements are built with h() (text is always text: no innerHTML, so data from
// the API can never become markup), plus the shared pieces every page uses.

let uid = 0;
export const nextId = (prefix) => prefix + '-' + (++uid);

/** h('button', {class: 'btn', onclick: f}, 'Save') */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'for') el.htmlFor = value;
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = !!value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// ---- Formatting: the user's locale and time zone ----

const numberFormat = new Intl.NumberFormat(undefined);
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export const fmt = {
  number: (n) => (n === null || n === undefined ? '—' : numberFormat.format(n)),
  /** US dollars, with more decimals for small amounts so a cent-fraction spend is not "$0.00". */
  money(usd) {
    if (usd === null || usd === undefined) return '—';
    const digits = usd !== 0 && Math.abs(usd) < 1 ? 4 : 2;
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(usd);
  },
  /** A per-million-token price. */
  price(usd) {
    if (usd === null || usd === undefined) return '—';
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(usd);
  },
  percent: (ratio) => (ratio === null || ratio === undefined || !isFinite(ratio) ? '—'
    : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(ratio)),
  dateTime(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    return isNaN(date) ? String(iso) : dateTimeFormat.format(date);
  },
  /** For a datetime-local input: the instant in the user's zone, minutes precision. */
  localInput(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  },
};

/** A <time> element showing an instant in the user's zone, the ISO instant as its datetime. */
export const time = (iso) => (iso ? h('time', { datetime: iso, title: iso }, fmt.dateTime(iso)) : '—');

// ---- States ----

export const loading = (text = 'Loading…') => h('div', { class: 'state loading', role: 'status' }, text);
export const empty = (text) => h('div', { class: 'state' }, text);

/** An API error in words, listing every field at fault by name. */
export function errorBox(error, intro) {
  const fields = (error && error.fields) || [];
  return h('div', { class: 'alert error', role: 'alert' },
    intro ? h('strong', {}, intro + ' ') : null,
    (error && error.message) || String(error),
    fields.length > 1 ? h('ul', {}, fields.map((f) => h('li', {}, h('code', {}, f.field), ': ', f.message))) : null);
}

export function badge(text, kind = 'neutral') {
  return h('span', { class: 'badge ' + kind }, text);
}

export function list(values, anyText = 'any') {
  if (!values || values.length === 0) return h('span', { class: 'badge neutral' }, anyText);
  return h('div', { class: 'badges' }, values.map((v) => badge(v)));
}

// ---- Toasts ----

export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  const el = h('div', { class: 'toast' + (kind === 'error' ? ' error' : '') }, message);
  region.append(el);
  setTimeout(() => el.remove(), 6000);
}

// ---- Tables with paging ----

/**
 * columns: [{label, cell: row => node|string, num?: bool}], rows: array.
 * Returns the wrapper; `caption` names the table for screen readers.
 */
export function table({ caption, columns, rows, emptyText, footer }) {
  if (!rows || rows.length === 0) {
    return h('div', { class: 'table-wrap' }, empty(emptyText || 'Nothing here yet.'), footer || null);
  }
  // Focusable and named, so a keyboard can scroll a table wider than the window.
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'Table' },
    h('table', {},
      h('caption', { class: caption ? '' : 'visually-hidden' }, caption || ''),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.srOnly ? h('span', { class: 'visually-hidden' }, c.label) : c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : c.actions ? 'actions' : null }, c.cell(row))))))),
    footer || null);
}

/** "1–50 of 130" with Previous / Next. */
export function pager({ total, offset, limit, onPage }) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('span', {}, fmt.number(from) + '–' + fmt.number(to) + ' of ' + fmt.number(total)),
    h('button', { class: 'btn small', type: 'button', disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, 'Previous'),
    h('button', { class: 'btn small', type: 'button', disabled: offset + limit >= total, onclick: () => onPage(offset + limit) }, 'Next'));
}

/** A labelled search box that calls onSearch after typing pauses, or on Enter. */
export function searchBox({ label, value, onSearch, placeholder }) {
  const id = nextId('search');
  let timer = null;
  const input = h('input', {
    id, type: 'search', value: value || '', placeholder: placeholder || '', autocomplete: 'off',
    oninput: () => { clearTimeout(timer); timer = setTimeout(() => onSearch(input.value.trim()), 350); },
    onkeydown: (e) => { if (e.key === 'Enter') { clearTimeout(timer); onSearch(input.value.trim()); } },
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

// ---- Dialogs (native <dialog>: focus stays inside, Escape closes) ----

function openDialog(build) {
  return new Promise((resolve) => {
    const dialog = h('dialog', {});
    const titleId = nextId('dialog-title');
    dialog.setAttribute('aria-labelledby', titleId);
    let result;
    const close = (value) => { result = value; dialog.close(); };
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    dialog.append(build({ close, titleId, dialog }));
    document.body.append(dialog);
    dialog.showModal();
    const focus = dialog.querySelector('[autofocus]') || dialog.querySelector('input, select, textarea, button');
    if (focus) focus.focus();
  });
}

/** Asks before a destructive action; resolves true only when confirmed. */
export function confirm({ title, message, confirmLabel, danger = true }) {
  return openDialog(({ close, titleId }) => h('div', { class: 'dialog-body' },
    h('h2', { id: titleId }, title),
    h('p', {}, message),
    h('div', { class: 'dialog-actions' },
      h('button', { class: 'btn', type: 'button', autofocus: true, onclick: () => close(false) }, 'Cancel'),
      h('button', { class: 'btn ' + (danger ? 'danger' : 'primary'), type: 'button', onclick: () => close(true) }, confirmLabel)))).then((v) => v === true);
}

/** Shows a key secret once, with a copy button. */
export function showSecret({ title, secret, display }) {
  return openDialog(({ close, titleId }) => {
    const id = nextId('secret');
    const status = h('p', { class: 'hint', role: 'status' });
    const input = h('input', { id, type: 'text', readonly: true, value: secret, spellcheck: 'false', 'data-secret': 'true' });
    const copy = async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(secret);
        status.textContent = 'Copied to the clipboard.';
      } catch (e) {
        status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected key.';
      }
    };
    return h('div', { class: 'dialog-body' },
      h('h2', { id: titleId }, title),
      h('div', { class: 'alert warn' }, 'This is the only time the full key is shown. Store it in your secret manager now; afterwards only ', h('code', {}, display), ' is visible.'),
      h('div', { class: 'field' },
        h('label', { for: id }, 'New key'),
        h('div', { class: 'secret' }, input, h('button', { class: 'btn', type: 'button', onclick: copy }, 'Copy'))),
      status,
      h('div', { class: 'dialog-actions' },
        h('button', { class: 'btn primary', type: 'button', onclick: () => close(true) }, 'I have stored the key')));
  });
}

/**
 * A form in a dialog. fields: [{name, label, type, value, options, hint, required, placeholder}].
 * onSubmit(values) returns a promise; an ApiError marks its fields (error.fields[].field matches
 * the field's name, or its `errorFor` names) and lists them at the top.
 */
export function formDialog({ title, fields, submitLabel, onSubmit, intro }) {
  return openDialog(({ close, titleId }) => {
    const summary = h('div');
    const inputs = {};
    const errors = {};
    const rows = fields.map((f) => (f.group
      ? h('fieldset', {}, h('legend', {}, f.group), h('div', { class: 'field-row' }, f.fields.map((g) => field(g))))
      : field(f)));
    function field(f) {
      const id = nextId('f');
      const hintId = f.hint ? id + '-hint' : null;
      const errorId = id + '-error';
      let input;
      if (f.type === 'select') {
        input = h('select', { id, name: f.name }, f.options.map((o) => h('option', { value: o.value, selected: o.value === f.value }, o.label)));
      } else if (f.type === 'checkbox') {
        input = h('input', { id, name: f.name, type: 'checkbox', checked: !!f.value });
      } else {
        input = h('input', { id, name: f.name, type: f.type || 'text', value: f.value ?? '', required: f.required, placeholder: f.placeholder, min: f.min, autocomplete: 'off', list: f.list });
      }
      if (hintId) input.setAttribute('aria-describedby', hintId);
      inputs[f.name] = input;
      const error = h('div', { class: 'error', id: errorId });
      for (const name of [f.name, ...(f.errorFor || [])]) errors[name] = { error, input, errorId, hintId };
      if (f.type === 'checkbox') {
        return h('div', { class: 'field' }, h('span', { class: 'check' }, input, h('label', { for: id }, f.label)), f.hint ? h('span', { class: 'hint', id: hintId }, f.hint) : null, error);
      }
      return h('div', { class: 'field' }, h('label', { for: id }, f.label + (f.required ? ' (required)' : '')), input, f.hint ? h('span', { class: 'hint', id: hintId }, f.hint) : null, error);
    }
    const submit = h('button', { class: 'btn primary', type: 'submit' }, submitLabel);
    const form = h('form', { novalidate: true },
      h('h2', { id: titleId }, title),
      intro ? h('p', {}, intro) : null,
      summary,
      rows,
      h('div', { class: 'dialog-actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => close(null) }, 'Cancel'),
        submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const e of Object.values(errors)) {
        e.error.textContent = '';
        e.input.removeAttribute('aria-invalid');
        e.input.setAttribute('aria-describedby', [e.hintId].filter(Boolean).join(' '));
      }
      clear(summary);
      const values = {};
      for (const [name, input] of Object.entries(inputs)) values[name] = input.type === 'checkbox' ? input.checked : input.value.trim();
      submit.disabled = true;
      try {
        const result = await onSubmit(values);
        close(result === undefined ? true : result);
      } catch (error) {
        submit.disabled = false;
        let first = null;
        for (const f of error.fields || []) {
          const target = errors[f.field] || errors[f.field.split('.')[0]];
          if (target) {
            target.error.textContent = f.field + ': ' + f.message;
            target.input.setAttribute('aria-invalid', 'true');
            target.input.setAttribute('aria-describedby', [target.hintId, target.errorId].filter(Boolean).join(' '));
            first = first || target.input;
          }
        }
        summary.append(errorBox(error, 'Not saved.'));
        (first || summary).focus?.();
      }
    });
    return form;
  });
}

/** "a, b , c" → ["a","b","c"]; "" → []. */
export const splitList = (text) => (text || '').split(',').map((s) => s.trim()).filter(Boolean);

/** A positive whole number from a text box, or null when empty (the API names a bad one). */
export function optionalNumber(text) {
  if (text === '' || text === undefined || text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}
