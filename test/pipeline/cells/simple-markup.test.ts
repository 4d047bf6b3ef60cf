/**
 * The fast reader of plain cell markup against htmlparser2, side by side: wherever it reads a fragment,
 * it must give the events htmlparser2's `Parser` gives (adjacent text joined: both may cut text anywhere,
 * and the cell reader joins it), on hand-picked edge cases, on random fragments made of the pieces that
 * matter (tags of every form, quotes, stray "<", entities, comments) and on every cell of the seed.
 */
import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { prepareCellMarkup } from '../../../pipeline/cells/markup.js';
import { readSimpleMarkup } from '../../../pipeline/cells/simple-markup.js';
import { seededRandom } from '../../random.js';

type Event = ['open' | 'close' | 'text', string];

/** An events recorder; adjacent text is joined. */
function recorder(): { events: Event[]; onopentag(name: string): void; onclosetag(name: string): void; ontext(data: string): void } {
  const events: Event[] = [];
  return {
    events,
    onopentag: (name) => events.push(['open', name]),
    onclosetag: (name) => events.push(['close', name]),
    ontext: (data) => {
      const last = events[events.length - 1];
      if (last?.[0] === 'text') last[1] += data;
      else events.push(['text', data]);
    },
  };
}

function parserEvents(html: string): Event[] {
  const r = recorder();
  new Parser(r, { decodeEntities: true }).end(html);
  return r.events;
}

/** The fast reader's events, or null when it declines the fragment. */
function fastEvents(html: string): Event[] | null {
  const r = recorder();
  return readSimpleMarkup(html, r) ? r.events : null;
}

describe('readSimpleMarkup', () => {
  const edgeCases = [
    '<p>Vision 2029</p> <p>Formålet</p>',
    '<h3>Strategi</h3> <p>- Revision</p>',
    'Opgaver er: <ul style="list-style-type: none">• At begrænse• At forebygge',
    '<p>a<p>b</p>',
    '<li>a<li>b</li>',
    '<ul><li>a<ul><li>b</ul></ul>',
    '<h3><p>x</h3>',
    '<p>a</div>b</p>',
    '</p>',
    '</br>',
    'a<br>b<br/>c<BR >d',
    '<P CLASS="x">Store</P>',
    '<p class="a>b">tekst</p>',
    "<p title='x\"y'>tekst</p>",
    '<p =a>b</p>',
    '<p a=b>c</p>',
    '<p a = "b" c d=e>f</p>',
    '<p a=b>c>d</p>',
    '<span>a</span></span>',
    '<b><i>a</b>c</i>',
    '<p/>a',
    '<div>a<p>b<div>c</div></p>',
    '</p x>y',
    '<strong>fed</strong> <sup>2</sup> <sub>x</sub> <small>s</small>',
    'no markup',
  ];
  for (const html of edgeCases) {
    it(`reads ${JSON.stringify(html)} as htmlparser2 does`, () => {
      expect(fastEvents(html)).toEqual(parserEvents(html));
    });
  }

  const declined = ['a &amp; b', '<!-- c -->x', '<script>a</script>', '<title>t</title>', '<svg><p>x</p></svg>', 'a < b', '</ p>', '<p', '<p class="x>', '<br / >', '</p/>x', '<table><tr><td>x</td></tr></table>'];
  for (const html of declined) {
    it(`leaves ${JSON.stringify(html)} to htmlparser2`, () => {
      expect(fastEvents(html)).toBeNull();
    });
  }

  it('gives htmlparser2 events on random fragments wherever it reads them', () => {
    const { next } = seededRandom('simple-markup fragments');
    const pieces = [
      '<p>', '</p>', '<P>', '<h3>', '</h3>', '<ul>', '</ul>', '<ul style="list-style-type: none">', '<li>', '</li>', '<ol>', '</ol>',
      '<br>', '<br/>', '</br>', '<div>', '</div>', '<span class=x>', '</span>', '<b>', '</b>', '<i>', '</i>', '<strong>', '</strong>',
      '<p a="1>2">', "<p a='\"'>", '<p =x>', '<p a = b >', '</p >', '</p/>', '</li x>',
      'Vision', ' ', '  ', '\n', '\t', '• ', '- ', 'æøå', '2029', '"', "'", '=', '/', '>', '<', '&amp;', '&', '<!-- c -->', '<script>x</script>', '<x>', '</x>',
    ];
    let read = 0;
    for (let n = 0; n < 3000; n++) {
      let html = '';
      const length = 1 + Math.floor(next() * 12);
      for (let k = 0; k < length; k++) html += pieces[Math.floor(next() * pieces.length)]!;
      const fast = fastEvents(html);
      if (fast === null) continue;
      read++;
      expect(fast, html).toEqual(parserEvents(html));
    }
    // The random fragments must exercise the fast reader, not only its refusals.
    expect(read).toBeGreaterThan(300);
  });

  it('reads every cell of the seed, as htmlparser2 does', () => {
    const seed = readFileSync(new URL('../../../fixtures/oekonomiudvalget-2014-2017/input.txt', import.meta.url), 'utf8');
    const cells = seed.split(/[\t\n]/).filter((c) => c.includes('<'));
    expect(cells.length).toBeGreaterThan(20);
    for (const cell of cells) {
      const html = prepareCellMarkup(cell).html;
      expect(fastEvents(html), cell).toEqual(parserEvents(html));
    }
  });
});
