// Page "/compare?base=RUN&new=RUN": the points two runs share, matched by identity, with the ratio new ÷ base,
// whether the difference is real, and regressions highlighted.
import { el, replace, table } from './dom.js';
import { ApiError, getJson, list } from './api.js';
import { boot } from './page.js';
import { MISSING, num, ratio, sig } from './format.js';
import { runId } from './runs-model.js';

function runPicker(name, label, value, runs) {
  const listId = name + '-runs';
  return el('p', null,
    el('label', { for: name }, label),
    el('input', { id: name, name, value: value ?? '', list: listId, required: true, placeholder: 'run id', size: 40 }),
    el('datalist', { id: listId }, runs.map(r => el('option', { value: runId(r) }, `${r.suiteName ?? ''} ${r.submittedAt ?? ''}`))));
}

const first = (...values) => values.find(v => v !== null && v !== undefined);
const sideValue = (side, flat) => first(side?.tokensPerSecond, side?.value, side?.mean, flat);

/** The compare endpoint's matched points, whatever the name of their list. */
function matchedPoints(body) {
  return list(body, 'points', 'matched', 'rows', 'comparisons');
}

function change(point) {
  const text = String(first(point.change, point.verdict, point.outcome, point.status, '') ?? '').toLowerCase();
  if (point.isRegression === true || point.regression === true || text.includes('regress')) return 'regression';
  if (point.isImprovement === true || text.includes('improve') || text.includes('faster')) return 'improvement';
  return text || 'same';
}

function row(point) {
  const kind = change(point);
  const confidence = first(point.confidence, point.pValue !== undefined && point.pValue !== null ? 'p = ' + sig(point.pValue, 2) : null);
  const significant = first(point.isSignificant, point.significant, point.isReal);
  return {
    props: { class: 'change-' + kind },
    cells: [
      first(point.pointLabel, point.label, point.point, MISSING), first(point.node, MISSING),
      { value: num(sideValue(point.base, point.baseTokensPerSecond ?? point.baseValue), 2), class: 'num' },
      { value: num(sideValue(point.new ?? point.current, point.newTokensPerSecond ?? point.newValue), 2), class: 'num' },
      { value: ratio(point.ratio), class: 'num' },
      significant === undefined ? MISSING : significant ? 'yes' : 'no',
      confidence === undefined ? MISSING : String(confidence),
      { value: kind, class: 'change change-' + kind },
    ],
  };
}

function unmatched(title, items) {
  if (!Array.isArray(items) || items.length === 0) return null;
  return el('section', null, el('h2', null, title), el('ul', null, items.map(i => el('li', null, typeof i === 'string' ? i : first(i.pointLabel, i.label, JSON.stringify(i))))));
}

async function showComparison(box, base, current) {
  let body;
  try {
    body = await getJson(`/api/compare?base=${encodeURIComponent(base)}&new=${encodeURIComponent(current)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !/run/i.test(error.message))
      throw new ApiError(404, 'This coordinator does not offer comparisons (GET /api/compare is missing): upgrade it, or use benchcluster compare BASE NEW.', error.path);
    throw error;
  }
  const points = matchedPoints(body);
  const regressions = points.filter(p => change(p) === 'regression').length;
  replace(box,
    el('p', { class: regressions > 0 ? 'summary bad' : 'summary good' },
      `${points.length} matched points, ${regressions} regression${regressions === 1 ? '' : 's'}` +
      (body.threshold !== undefined && body.threshold !== null ? ` beyond the ${num(body.threshold * (body.threshold < 1 ? 100 : 1), 0)} % threshold.` : '.')),
    el('div', { class: 'scroll' }, table(['Point', 'Node', 'Base tokens/s', 'New tokens/s', 'New ÷ base', 'Real difference', 'Confidence', 'Change'],
      points.map(row), { class: 'data compare' })),
    unmatched('Only in the base run', first(body.onlyInBase, body.unmatchedBase)),
    unmatched('Only in the new run', first(body.onlyInNew, body.unmatchedNew)));
}

boot(async main => {
  const query = new URLSearchParams(location.search);
  const base = query.get('base');
  const current = query.get('new');
  const runs = list(await getJson('/api/runs'), 'runs');
  const resultBox = el('div', { id: 'comparison' });
  replace(main,
    el('h1', null, 'Compare runs'),
    el('form', { class: 'compare-form', method: 'get', action: '/compare' },
      runPicker('base', 'Base run', base, runs), runPicker('new', 'New run', current, runs), el('button', { type: 'submit' }, 'Compare')),
    resultBox);
  if (base && current) await showComparison(resultBox, base, current);
});
