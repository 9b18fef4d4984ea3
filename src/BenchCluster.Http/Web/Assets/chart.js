// Inline SVG bar charts of tokens/s, drawn from the results JSON (no library, nothing fetched). One panel per
// scenario and model, each on its own scale: prompt processing runs orders of magnitude faster than generation, and
// a tiny model than a large one; one shared axis would flatten most bars to nothing. Within a panel the bars compare
// settings and nodes, which is what a reader weighs there.
import { svg } from './dom.js';
import { num } from './format.js';
import { settingsText } from './results.js';

const WIDTH = 900;
const LABEL_WIDTH = 260;
const ROW_HEIGHT = 24;
const BAR_HEIGHT = 15;
const PANEL_TITLE = 26;
const PANEL_GAP = 12;
const RIGHT_PAD = 110;

/** The points of each scenario × model, scenarios in the order they first appear, then models likewise. */
function panelsOf(records) {
  const panels = new Map();
  const measured = records.filter(r => typeof r.tokensPerSecond === 'number');
  const scenarios = [...new Set(measured.map(r => r.scenario))];
  for (const record of [...measured].sort((a, b) => scenarios.indexOf(a.scenario) - scenarios.indexOf(b.scenario))) {
    const key = JSON.stringify([record.scenario, record.model]);
    if (!panels.has(key)) panels.set(key, []);
    panels.get(key).push(record);
  }
  return [...panels.values()];
}

function bar(record, y, scale) {
  const sd = record.tokensPerSecondStdDev ?? 0;
  const settings = settingsText(record.settings);
  const label = `${settings ? settings + ' · ' : ''}${record.node}`;
  const x = value => LABEL_WIDTH + scale * Math.max(0, value);
  return svg('g', { class: record.verdict === 'VALID' ? 'bar valid' : 'bar invalid' },
    svg('title', null, `${record.model} · ${record.scenario} · ${label}: ${num(record.tokensPerSecond, 2)} tokens/s ± ${num(sd, 2)} (${record.verdict})`),
    svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 3, 'text-anchor': 'end', class: 'label' }, clip(label, 40)),
    svg('rect', { x: LABEL_WIDTH, y, width: Math.max(1, x(record.tokensPerSecond) - LABEL_WIDTH), height: BAR_HEIGHT }),
    sd > 0 ? svg('line', { x1: x(record.tokensPerSecond - sd), x2: x(record.tokensPerSecond + sd), y1: y + BAR_HEIGHT / 2, y2: y + BAR_HEIGHT / 2, class: 'whisker' }) : null,
    svg('text', { x: x(record.tokensPerSecond + sd) + 6, y: y + BAR_HEIGHT - 3, class: 'value' }, num(record.tokensPerSecond, 1)));
}

/** Horizontal bars of the headline tokens/s per point, ± one standard deviation as a whisker, red when INVALID. */
export function throughputChart(records) {
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
  let y = 8;
  const panels = panelsOf(records).map(points => {
    const { scenario, scenarioKind, model } = points[0];
    const max = Math.max(1e-9, ...points.map(r => r.tokensPerSecond + (r.tokensPerSecondStdDev ?? 0)));
    const top = y;
    const title = svg('text', { x: 8, y: top + 16, class: 'panel' }, `${model} · ${scenario} (${scenarioKind}) · tokens/s`);
    const bars = points.map((record, i) => bar(record, top + PANEL_TITLE + i * ROW_HEIGHT, plotWidth / max));
    y = top + PANEL_TITLE + points.length * ROW_HEIGHT + PANEL_GAP;
    const axis = svg('line', { x1: LABEL_WIDTH, x2: LABEL_WIDTH, y1: top + PANEL_TITLE - 4, y2: y - PANEL_GAP, class: 'axis-line' });
    return svg('g', { class: 'panel' }, title, axis, bars);
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${y}`, class: 'chart', role: 'img', 'aria-label': 'Tokens per second by point, one panel per scenario and model' },
    panels);
}

function clip(text, length) {
  return text.length <= length ? text : text.slice(0, length - 1) + '…';
}
