// Small browser helpers for the manager: the rich-text editor's commands and the unsaved-changes guard.
window.artSoukManager = {
  // Rich text: the server sanitizes whatever arrives; this only keeps the editing pleasant.
  command(element, name, value) {
    element.focus();
    document.execCommand(name, false, value ?? null);
    return element.innerHTML;
  },
  html(element) { return element.innerHTML; },
  // Stored HTML is parsed inert and rebuilt from an allowlist before it enters the live page, so nothing in it runs
  // even if it reached the store unsanitized.
  setHtml(element, html) {
    const allowed = { P: [], BR: [], STRONG: [], B: [], EM: [], I: [], U: [], A: ['href'], UL: [], OL: [], LI: [], H2: [], H3: [], H4: [], BLOCKQUOTE: [] };
    const source = new DOMParser().parseFromString('<body>' + (html || '') + '</body>', 'text/html').body;
    const copy = (from, to) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) { to.appendChild(document.createTextNode(node.textContent)); continue; }
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'SVG', 'MATH'].includes(node.tagName.toUpperCase())) continue;
        const keep = allowed[node.tagName.toUpperCase()];
        if (!keep) { copy(node, to); continue; }
        const el = document.createElement(node.tagName.toLowerCase());
        for (const name of keep) {
          const value = node.getAttribute(name);
          if (value && /^(https?:|\/|#|mailto:)/i.test(value.trim())) el.setAttribute(name, value.trim());
        }
        copy(node, el);
        to.appendChild(el);
      }
    };
    const fragment = document.createElement('div');
    copy(source, fragment);
    if (element.innerHTML !== fragment.innerHTML) { element.replaceChildren(...fragment.childNodes); }
  },
  // Leaving the page (reload, close, typed URL) while an editor holds unsaved changes asks first.
  guard(on) {
    window.__artSoukDirty = on;
  }
};
window.addEventListener('beforeunload', e => {
  if (window.__artSoukDirty) { e.preventDefault(); e.returnValue = ''; }
});
// Close an open user menu when clicking elsewhere or pressing Escape.
document.addEventListener('click', e => {
  document.querySelectorAll('details.user-menu[open]').forEach(d => { if (!d.contains(e.target)) d.removeAttribute('open'); });
});
document.addEventListener('keydown', e => {
  if (e.key === 'Escape') document.querySelectorAll('details.user-menu[open]').forEach(d => d.removeAttribute('open'));
});
