// Inline SVG bar chart of tokens/s per point, drawn from the results JSON (no library, nothing fetched).
import { svg } from './dom.js';
import { num } from './format.js';
import { pointName } from './results.js';

const WIDTH = 900;
const LABEL_WIDTH = 380;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const TOP = 28;
const RIGHT_PAD = 90;

/** Horizontal bars of the headline tokens/s, ± one standard deviation as a whisker, coloured by verdict. */
export function throughputChart(records) {
  const points = records.filter(r => typeof r.tokensPerSecond === 'number');
  const max = Math.max(1e-9, ...points.map(r => r.tokensPerSecond + (r.tokensPerSecondStdDev ?? 0)));
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
  const x = value => LABEL_WIDTH + (plotWidth * value) / max;
  const height = TOP + points.length * ROW_HEIGHT + 10;
  const rows = points.map((record, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const sd = record.tokensPerSecondStdDev ?? 0;
    const name = pointName(record);
    return svg('g', { class: record.verdict === 'VALID' ? 'bar valid' : 'bar invalid' },
      svg('title', null, `${name}: ${num(record.tokensPerSecond, 2)} tokens/s (${record.verdict})`),
      svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 3, 'text-anchor': 'end', class: 'label' }, clip(name, 58)),
      svg('rect', { x: LABEL_WIDTH, y, width: Math.max(1, x(record.tokensPerSecond) - LABEL_WIDTH), height: BAR_HEIGHT }),
      sd > 0 ? svg('line', { x1: x(record.tokensPerSecond - sd), x2: x(record.tokensPerSecond + sd), y1: y + BAR_HEIGHT / 2, y2: y + BAR_HEIGHT / 2, class: 'whisker' }) : null,
      svg('text', { x: x(record.tokensPerSecond + sd) + 6, y: y + BAR_HEIGHT - 3, class: 'value' }, num(record.tokensPerSecond, 1)));
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart', role: 'img', 'aria-label': 'Tokens per second by point' },
    svg('text', { x: LABEL_WIDTH, y: 16, class: 'axis' }, 'tokens/s (bar: mean, whisker: ± sd)'),
    svg('line', { x1: LABEL_WIDTH, x2: LABEL_WIDTH, y1: TOP - 4, y2: height - 6, class: 'axis-line' }),
    rows);
}

function clip(text, length) {
  return text.length <= length ? text : text.slice(0, length - 1) + '…';
}
