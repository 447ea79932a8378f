// The desk's keyboard shortcuts (j/k move, a approve, r reject, x tick), served as a file:
// the desk's CSP runs no inline script. Each shortcut clicks the item's own button, so the
// form, its CSRF token and the server's answer are the same as with the mouse.
(() => {
  const items = () => Array.from(document.querySelectorAll('.muc'));
  let current = -1;

  function select(index) {
    const list = items();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, n) => el.classList.toggle('dang-chon', n === current));
    list[current].focus();
  }

  document.addEventListener('focusin', (e) => {
    const item = e.target instanceof Element ? e.target.closest('.muc') : null;
    if (item) {
      current = items().indexOf(item);
      items().forEach((el) => el.classList.toggle('dang-chon', el === item));
    }
  });

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    // Typing in the search box or the login form is text, not a shortcut.
    const typing = (t instanceof HTMLInputElement && t.type !== 'checkbox')
      || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable);
    if (typing) return;
    const item = items()[current];
    if (e.key === 'j') select(current + 1);
    else if (e.key === 'k') select(current < 0 ? 0 : current - 1);
    else if ((e.key === 'a' || e.key === 'r') && item) {
      const button = item.querySelector(`[data-phim="${e.key}"]`);
      if (!button) return;
      button.click();
    } else if (e.key === 'x' && item) {
      const box = item.querySelector('input[type="checkbox"]');
      if (box) box.checked = !box.checked;
    } else return;
    e.preventDefault();
  });
})();
