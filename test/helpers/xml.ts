/**
 * A strict parser for the XML the project writes (SVG figures): elements,
 * quoted attributes, text, the five named entities and numeric character
 * references. It throws on what an XML parser rejects — unclosed or
 * mismatched tags, a duplicate or unquoted attribute, a bare < or & in text,
 * anything after the root element — so a test can say "parses as XML".
 * (No comments, CDATA, doctypes or processing instructions: the writers emit none.)
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at offset ${pos}: ${JSON.stringify(text.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);|&/g, (match, entity: string | undefined) => {
      if (entity === undefined) return fail('a bare &');
      if (entity in ENTITIES) return ENTITIES[entity];
      const code = /^#x([0-9a-f]+)$/i.exec(entity)?.[1] ?? /^#(\d+)$/.exec(entity)?.[1];
      if (code === undefined) return fail(`an unknown entity &${entity};`);
      return String.fromCodePoint(parseInt(code, entity.startsWith('#x') ? 16 : 10));
    });

  function element(): XmlElement {
    if (text[pos] !== '<') fail('expected <');
    pos++;
    const name = NAME.exec(text.slice(pos))?.[0] ?? fail('expected an element name');
    pos += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (text[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected a space before an attribute');
      const attribute = NAME.exec(text.slice(pos))?.[0] ?? fail('expected an attribute name');
      pos += attribute.length;
      if (attribute in attributes) fail(`a duplicate attribute ${attribute}`);
      skipSpace();
      if (text[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail('an unterminated attribute value');
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      attributes[attribute] = decode(raw);
      pos = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (pos >= text.length) fail(`<${name}> is not closed`);
      if (text.startsWith('</', pos)) {
        pos += 2;
        if (!text.startsWith(name, pos)) fail(`</…> does not close <${name}>`);
        pos += name.length;
        skipSpace();
        if (text[pos] !== '>') fail('expected >');
        pos++;
        return { name, attributes, children };
      }
      if (text[pos] === '<') children.push(element());
      else {
        const end = text.indexOf('<', pos);
        const raw = text.slice(pos, end < 0 ? text.length : end);
        children.push(decode(raw));
        pos += raw.length;
      }
    }
  }

  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== text.length) fail('content after the root element');
  return root;
}

/** Every element below (and including) `root` with this name, in document order. */
export function elementsNamed(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = root.name === name ? [root] : [];
  for (const child of root.children) if (typeof child !== 'string') found.push(...elementsNamed(child, name));
  return found;
}

/** The text inside an element, its descendants' text included. */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
