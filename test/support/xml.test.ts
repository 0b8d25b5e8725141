import { describe, expect, it } from 'vitest';
import { allElements, parseXml } from './xml.js';

// The checker the SVG tests rely on must itself reject what is not well-formed XML.
describe('the strict XML checker', () => {
  it('accepts well-formed documents and returns their tree', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c --><svg a="1" b=\'x &amp; &#60;\'><g><rect/></g><text>A &lt; B</text></svg>\n',
    );
    expect(root.attributes).toEqual({ a: '1', b: 'x & <' });
    expect(allElements(root).map((e) => e.name)).toEqual(['svg', 'g', 'rect', 'text']);
    expect(allElements(root)[3]?.text).toBe('A < B');
  });
  it.each([
    '<svg><g></svg>',
    '<svg></g>',
    '<svg><rect></svg>',
    '<svg a=1/>',
    '<svg a="1" a="2"/>',
    '<svg a="x<y"/>',
    '<svg>a & b</svg>',
    '<svg>&nbsp;</svg>',
    '<svg/><svg/>',
    '<svg>\u0001</svg>',
    '<svg a="1"b="2"/>',
    '<svgx></svg>',
    '<svg><!-- a -- b --></svg>',
    'text',
    '<svg>',
  ])('rejects %j', (source) => {
    expect(() => parseXml(source)).toThrow();
  });
});
