/**
 * What the walk runs inside the page, as plain JavaScript source: the same in every browser and
 * every driver (a TypeScript function's own source would carry the transpiler's helpers along).
 * `window.__walk.find(role, name, scopeRole?, scopeName?)` finds an element by its role and
 * accessible name (aria-label, aria-labelledby, else its text), as a user or a screen reader
 * would; `name` is a string (exact) or a RegExp source wrapped in slashes.
 */
export const WALK_HELPERS = `
(() => {
  if (window.__walk) return;
  const ROLES = {
    button: 'button:not([role]), [role=button]',
    menuitem: '[role=menuitem]',
    figure: 'figure, [role=figure]',
    table: 'table',
    slider: 'input[type=range], [role=slider]',
    region: '[role=region]',
    alert: '[role=alert]',
    dialog: '[role=dialog]',
    group: '[role=group]',
    status: '[role=status]',
  };
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').replace(/\\s+/g, ' ').trim();
    return (el.textContent || '').replace(/\\s+/g, ' ').trim();
  };
  const matches = (el, name) => {
    if (name === undefined || name === null) return true;
    const n = nameOf(el);
    if (name.length > 1 && name.startsWith('/') && name.endsWith('/')) return new RegExp(name.slice(1, -1)).test(n);
    return n === name;
  };
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const all = (role, name, scopeRole, scopeName) => {
    const scopes = scopeRole ? all(scopeRole, scopeName) : [document];
    const out = [];
    for (const s of scopes) for (const el of s.querySelectorAll(ROLES[role] || '[role=' + role + ']')) if (visible(el) && matches(el, name)) out.push(el);
    return out;
  };
  window.__walk = {
    all,
    find: (role, name, scopeRole, scopeName) => all(role, name, scopeRole, scopeName)[0] || null,
    nameOf,
    // downloads go through a blob URL and an <a download> click: record each blob the page makes
    blobs: [],
  };
  const make = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj) => { if (obj instanceof Blob) window.__walk.blobs.push({ type: obj.type, size: obj.size }); return make(obj); };
})();
`;
