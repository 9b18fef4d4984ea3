// Building the page from data. Every piece of text from the API goes in through text nodes, never as markup, so a
// name like "<img src=x onerror=...>" shows as those characters and runs nothing.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (/^on/i.test(key)) {
      throw new Error(`event handler attribute ${key}: use the 'on' property`);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  return node;
}

/** An HTML element with attributes and children (strings become text). */
export function el(tag, props, ...children) {
  return append(applyProps(document.createElement(tag), props), children);
}

/** An SVG element with attributes and children (strings become text). */
export function svg(tag, props, ...children) {
  return append(applyProps(document.createElementNS(SVG_NS, tag), props), children);
}

/** Replaces every child of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link to a page of ours; the path parts are encoded so an id cannot leave its segment. */
export function pageLink(text, path, ...parts) {
  return el('a', { href: path + parts.map(encodeURIComponent).join('/') }, text);
}

/** A table: header labels and rows of cells (a cell is text, a node, or {value, class, title}). */
export function table(headers, rows, props) {
  const head = el('thead', null, el('tr', null, headers.map(h => el('th', { scope: 'col' }, h))));
  const body = el('tbody', null, rows.map(row => el('tr', row.props ?? null, row.cells.map(cell))));
  return el('table', props ?? { class: 'data' }, head, body);
}

function cell(value) {
  if (value !== null && typeof value === 'object' && !(value instanceof Node) && !Array.isArray(value))
    return el('td', { class: value.class, title: value.title || null }, value.value);
  return el('td', null, value);
}
