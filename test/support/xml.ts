// A small, strict XML well-formedness checker for the SVG the library writes (no XML parser is
// installed, and a browser's would forgive too much). It accepts the XML 1.0 subset an SVG
// file needs: an optional declaration, comments, elements with quoted attributes, text with the
// five predefined entities and character references. Anything else is an error naming the
// offset. It returns the element tree, so tests can count and inspect elements.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  readonly text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const nameAt = (source: string, at: number): string | null => {
  NAME.lastIndex = at;
  return NAME.exec(source)?.[0] ?? null;
};
const ENTITY = /^&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
// Characters XML 1.0 allows: tab, newline, carriage return, and from U+0020 on (no surrogates
// alone, no U+FFFE/U+FFFF).
function badCharAt(source: string): number {
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff)
      return i;
  }
  return -1;
}

class XmlError extends Error {}

function decode(text: string, offset: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '<') throw new XmlError(`"<" in text or an attribute value at ${offset + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(text.slice(i));
    if (m === null) throw new XmlError(`a bare "&" at ${offset + i}`);
    const body = m[0].slice(1, -1);
    out +=
      body === 'lt'
        ? '<'
        : body === 'gt'
          ? '>'
          : body === 'amp'
            ? '&'
            : body === 'quot'
              ? '"'
              : body === 'apos'
                ? "'"
                : String.fromCodePoint(
                    body.startsWith('#x')
                      ? Number.parseInt(body.slice(2), 16)
                      : Number(body.slice(1)),
                  );
    i += m[0].length - 1;
  }
  return out;
}

/** Parses `source` as a well-formed XML document; throws naming the first problem. */
export function parseXml(source: string): XmlElement {
  const bad = badCharAt(source);
  if (bad >= 0) throw new XmlError(`a character XML does not allow at ${bad}`);
  let i = 0;
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] as string)) i++;
  };
  const misc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) throw new XmlError(`an unclosed comment at ${i}`);
        if (source.slice(i + 4, end).includes('--'))
          throw new XmlError(`"--" inside a comment at ${i}`);
        i = end + 3;
      } else if (source.startsWith('<?', i) && !source.startsWith('<?xml', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) throw new XmlError(`an unclosed processing instruction at ${i}`);
        i = end + 2;
      } else return;
    }
  };

  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) throw new XmlError('an unclosed XML declaration');
    i = end + 2;
  }
  misc();
  if (source.startsWith('<!DOCTYPE', i)) throw new XmlError('a DOCTYPE (not expected in an SVG)');

  const element = (): XmlElement => {
    if (source[i] !== '<') throw new XmlError(`expected "<" at ${i}`);
    i++;
    const name = nameAt(source, i);
    if (name === null) throw new XmlError(`expected an element name at ${i}`);
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new XmlError(`expected a space before an attribute at ${i}`);
      const attrName = nameAt(source, i);
      if (attrName === null) throw new XmlError(`expected an attribute name at ${i}`);
      const attr = [attrName] as const;
      i += attrName.length;
      skipSpace();
      if (source[i] !== '=') throw new XmlError(`expected "=" after ${attr[0]} at ${i}`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") throw new XmlError(`an unquoted attribute at ${i}`);
      const end = source.indexOf(quote, i + 1);
      if (end < 0) throw new XmlError(`an unclosed attribute value at ${i}`);
      if (Object.hasOwn(attributes, attr[0]))
        throw new XmlError(`attribute ${attr[0]} twice on <${name}> at ${i}`);
      attributes[attr[0]] = decode(source.slice(i + 1, end), i + 1);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) throw new XmlError(`<${name}> is never closed`);
      if (source.startsWith('</', i)) {
        i += 2;
        if (nameAt(source, i) !== name) throw new XmlError(`expected </${name}> at ${i - 2}`);
        i += name.length;
        skipSpace();
        if (source[i] !== '>') throw new XmlError(`expected ">" at ${i}`);
        i++;
        return { name, attributes, children, text };
      }
      if (source.startsWith('<!--', i)) {
        misc();
        continue;
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) throw new XmlError(`an unclosed CDATA section at ${i}`);
        text += source.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (source[i] === '<') {
        children.push(element());
        continue;
      }
      const next = source.indexOf('<', i);
      const chunk = source.slice(i, next < 0 ? source.length : next);
      if (chunk.includes(']]>')) throw new XmlError(`"]]>" in text at ${i}`);
      text += decode(chunk, i);
      i += chunk.length;
    }
  };

  const root = element();
  misc();
  if (i !== source.length) throw new XmlError(`content after the root element at ${i}`);
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
