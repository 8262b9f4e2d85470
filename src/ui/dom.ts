/**
 * Element building for the sidebar. Text only ever goes in as text nodes: the data (names, years,
 * unit names) is typed by ~200 units' staff, so nothing from the server may become markup.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates `<tag attrs…>children…</tag>`. `class` sets className; `true` gives an empty attribute; false/undefined omit it. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    // Handlers are attached with addEventListener in code, never as attributes.
    if (/^on/i.test(name)) throw new Error(`el: event attribute ${name} not allowed`);
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all of `parent`'s children in one DOM operation (one reflow). */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  parent.replaceChildren(fragment);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from Sidebar.html`);
  return element as T;
}
