// The user's own view of the local statistics (counts only) with a button to clear them.
import { CATEGORIES } from '../shared/incident.js';
import { OUTCOMES } from '../shared/stats.js';
import { ask, loadI18n, loadPolicy } from './i18n.js';

const $ = (id) => document.getElementById(id);
const { t } = await loadI18n((await loadPolicy()).language);

const cats = (obj) => CATEGORIES.filter((c) => obj[c]).map((c) => `${t(`report_cat_${c}`)}: ${obj[c]}`).join(', ');
const outcomes = (obj) => OUTCOMES.filter((o) => obj[o]).map((o) => `${obj[o]} ${t(`stats_outcome_${o}`)}`).join(', ');
const cell = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

async function render() {
  const r = await ask({ type: 'getStats' });
  const rows = r.ok ? r.rows : [];
  $('empty').hidden = rows.length > 0;
  $('table').hidden = rows.length === 0;
  $('clear').disabled = rows.length === 0;
  $('summary').replaceChildren();
  if (rows.length) {
    for (const text of [outcomes(r.total.byOutcome), cats(r.total.byCategory)]) if (text) $('summary').append(cell('li', text));
  }
  $('rows').replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    tr.append(cell('td', row.day), cell('td', row.site), cell('td', cats(row.categories) || '-'), cell('td', outcomes(row.outcomes)));
    return tr;
  }));
}

$('clear').addEventListener('click', async () => {
  await ask({ type: 'clearStats' });
  await render();
  $('result').textContent = t('stats_cleared');
});
await render();
$('main').hidden = false;
