/**
 * The report's only script: filters the findings table and opens every <details> before printing. The report reads
 * fine without it (the filter bar stays hidden), and the page's CSP allows exactly this script by hash.
 */
export const FILTER_SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  const bar = document.querySelector('#findings .filters');
  const q = $('f-q'), status = $('f-status'), sev = $('f-sev'), count = $('f-count');
  const rows = Array.from(document.querySelectorAll('#findings tr.finding'));
  if (bar && q && status && sev && count && rows.length > 0) {
    bar.hidden = false;
    const apply = () => {
      const text = q.value.trim().toLowerCase();
      const min = Number(sev.value);
      let shown = 0;
      for (const r of rows) {
        const ok = (!text || r.dataset.text.includes(text)) &&
          (status.value === 'all' || r.dataset.status === status.value) &&
          Number(r.dataset.rank) >= min;
        r.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown + ' of ' + rows.length + ' shown';
    };
    for (const el of [q, status, sev]) el.addEventListener('input', apply);
    apply();
  }
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
})();`;
