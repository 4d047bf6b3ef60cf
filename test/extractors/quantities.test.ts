import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const plain = { min: null, max: null, approx: false, qualifier: null };

const CASES: [string, Expected][] = [
  ['har i perioden forhindret 477 tilflytninger af borgere', { kind: 'quantity', text: '477 tilflytninger', value: 477, unit: 'tilflytninger', ...plain }],
  ['når op på minimum 52.000 borgere. Der er', { kind: 'quantity', text: 'minimum 52.000 borgere', value: 52_000, unit: 'borgere', qualifier: 'gte' }],
  ['dialog om yderligere ca. 450-500 boliger.', { kind: 'quantity', text: 'ca. 450-500 boliger', value: null, min: 450, max: 500, unit: 'boliger', approx: true }],
  ['giver mulighed for ca. 380 boliger. Kommunen', { kind: 'quantity', text: 'ca. 380 boliger', value: 380, unit: 'boliger', approx: true }],
  ['arrangementet havde over 2.000 besøgende.', { kind: 'quantity', text: 'over 2.000 besøgende', value: 2000, unit: 'besøgende', qualifier: 'gt' }],
  ['endeligt vedtaget 6 lokalplaner, der', { kind: 'quantity', text: '6 lokalplaner', value: 6, unit: 'lokalplaner' }],
  ['valgt 14 projekter, som har fået støtte', { kind: 'quantity', text: '14 projekter', value: 14, unit: 'projekter' }],
  ['Tre udbydere har etableret udbud', { kind: 'quantity', text: 'Tre udbydere', value: 3, unit: 'udbydere' }],
  ['Der har været i alt fire målinger siden 2014', { kind: 'quantity', text: 'fire målinger', value: 4, unit: 'målinger' }],
  ['status to gange årligt til udvalget', { kind: 'quantity', text: 'to gange', value: 2, unit: 'gange' }],
  ['- To Politikadet Junior forløb- Mentor-Coach', { kind: 'quantity', text: 'To Politikadet Junior forløb', value: 2, unit: 'forløb' }],
  ['Telegrafvej 4 i Ballerup til én enhed på Telegrafvej 4.', { kind: 'quantity', text: 'én enhed', value: 1, unit: 'enhed' }],
  ['Greve Kommune har i dag ét friplejehjem (Fribo Greve)', { kind: 'quantity', text: 'ét friplejehjem', value: 1, unit: 'friplejehjem' }],
  ['recidivforebyggelse med 20 borgere over 18 år, der', { kind: 'quantity', text: '20 borgere', value: 20, unit: 'borgere' }],
  ['et nybyggeri på 3.500 m² til erhverv', { kind: 'quantity', text: '3.500 m²', value: 3500, unit: 'm²' }],
  ['et nybyggeri på 3.500 m2 til erhverv', { kind: 'quantity', text: '3.500 m2', value: 3500, unit: 'm2' }],
  ['etablering af 100 boliger på Dommergårdsgrunden', { kind: 'quantity', text: '100 boliger', value: 100, unit: 'boliger' }],
  ['aftale med Domea.dk om etablering af 33 boliger samt', { kind: 'quantity', text: '33 boliger', value: 33, unit: 'boliger' }],
  ['en pulje til igangsætning af ca. 20 nye fleksjob i Ballerup', { kind: 'quantity', text: 'ca. 20 nye fleksjob', value: 20, unit: 'fleksjob', approx: true }],
  ['kunne forhindres 20 utilsigtede flytninger pr. år', { kind: 'quantity', text: '20 utilsigtede flytninger', value: 20, unit: 'flytninger' }],
  ['Hyldhøj i Måløv – 2 store salg til Novo Nordisk', { kind: 'quantity', text: '2 store salg', value: 2, unit: 'salg' }],
  ['og ét privat drevet plejecenter (Langagergård)', { kind: 'quantity', text: 'ét privat drevet plejecenter', value: 1, unit: 'plejecenter' }],
  ['har fungeret i ca. 3 år, og der er', { kind: 'quantity', text: 'ca. 3 år', value: 3, unit: 'år', approx: true }],
  ['påbegyndt genoptræning indenfor syv dage.', { kind: 'quantity', text: 'syv dage', value: 7, unit: 'dage' }],
  ['rykket 20 placeringer ned på listen', { kind: 'quantity', text: '20 placeringer', value: 20, unit: 'placeringer' }],
  ['De 9 kommuner fik status', { kind: 'quantity', text: '9 kommuner', value: 9, unit: 'kommuner' }],
  ['i alt femogtyve deltagere', { kind: 'quantity', text: 'femogtyve deltagere', value: 25, unit: 'deltagere' }],
  ['i alt 1,5 mio. besøgende', { kind: 'quantity', text: '1,5 mio. besøgende', value: 1_500_000, unit: 'besøgende' }],
  ['anskaffet 20 it-systemer i alt', { kind: 'quantity', text: '20 it-systemer', value: 20, unit: 'it-systemer' }],
  ['hele 20 ledige kom i job', { kind: 'quantity', text: '20 ledige', value: 20, unit: 'ledige' }],
  ['over ca. 2000 boliger blev', { kind: 'quantity', text: 'over ca. 2000 boliger', value: 2000, unit: 'boliger', approx: true, qualifier: 'gt' }],
  ['et areal på 2000 m² til', { kind: 'quantity', text: '2000 m²', value: 2000, unit: 'm²' }],
  ['en ventetid på to-tre uger i alt', { kind: 'quantity', text: 'to-tre uger', value: null, min: 2, max: 3, unit: 'uger' }],
  ['i de 3 første år', { kind: 'quantity', text: '3 første år', value: 3, unit: 'år' }],
  // "over" a short span of years after a verb is a duration, not an age
  ['12 mia. kr. fordelt over 10 år finansieres', { kind: 'quantity', text: 'over 10 år', value: 10, unit: 'år', qualifier: 'gt' }],
];

describe('quantities', () => {
  it.each(CASES)('%s', (source, expected) => {
    expectFact(source, expected);
  });

  it('counts the borgere but not the age in "20 borgere over 18 år"', () => {
    expect(extractFacts('med 20 borgere over 18 år, der har').map((f) => f.text)).toEqual(['20 borgere']);
  });

  it.each([
    // the articles en/et are never counts
    ['I forbindelse med kommunalvalget har der været en politisk drøftelse', 'en politisk drøftelse'],
    ['der er etableret en masterplan', 'en masterplan'],
    ['der er etableret et nyt system', 'et nyt system'],
    ['en gang årligt til Økonomiudvalget', 'en gang'],
    // ages
    ['20 borgere over 18 år, der har', '18 år'],
    ['ydelsesmodtagere mellem 18-29 år (uddannelse)', '18-29 år'],
    ['børn under 6 år i dagtilbud', '6 år'],
    ['borgere på 65 år og derover', '65 år'],
    ['børn i alderen 0-6 år', '0-6 år'],
    ['borgere over 10 år', '10 år'],
    ['flere over 65 år', '65 år'],
    // proportions
    ['Seks ud af ti borgere er tilfredse', 'ti borgere'],
    // measure adjectives
    ['Lederspring er et 2-årigt strategisk udviklingsforløb', '2-årigt'],
    ['På baggrund af et 3-årigt projekt for at indføre', '3-årigt'],
    ['for ny 3 årig periode 2017-2020.', '3 årig periode'],
    ['resultatmål skulle være to årige og dækker', 'to årige'],
    ['Udmøntning af 72 timers lægeligt behandlingsansvar', '72 timers'],
    ['med 3 års erfaring', '3 års'],
    // ordinals and list numbers
    ['Kina-samarbejdet evalueres hvert 3. år.', '3. år'],
    ['Pr. 1. januar 2016 blev', '1. januar'],
    ['1.Ny ældrelov', '1.Ny'],
    ['2. Helhedspleje og borgernær visitation', '2. Helhedspleje'],
    // identifiers, paragraphs, streets
    ['Ballerup kommune nr. 1 på benchmarklisten', 'nr. 1'],
    ['Samle redningsberedskaberne i nyt § 60-selskab', '60'],
    ['Pederstrup udvalget (§ 17. stk.4 udvalg) nedsat', '17. stk.4 udvalg'],
    ['Ansvar for tildeling af "§ 18-midler" overgår', '18-midler'],
    ['kan efter servicelovens §83 levere personlig pleje', '83 levere'],
    ['(administration og ledelse gruppering 200) De samlede', '200'],
    ['jf. sag 24-013331 om byggeri', '24-013331'],
    ['Bilag 1 viser tallene', '1 viser'],
    ['Hørhaven 13 i Ballerup', '13'],
    ['Råmosevej 62 i Ballerup', '62'],
    ['Egebjergvej 44-48 i Ballerup', '44-48'],
    ['Dyregårdsvej 5A i Skovlunde', '5A'],
    ['Telegrafvej 4 i Ballerup', '4'],
    ['Linde Alle 9 i Ballerup', '9'],
    ['Hørhaven 13 etager', '13 etager'],
    ['åbent hver onsdag fra kl. 9.00 til 14.00', '9.00 til 14.00'],
    ['udledningen af CO2 skal ned', 'CO2'],
    ['udledningen af CO2 tons', 'CO2'],
    // years are years, not counts
    ['I 2015 frigav Kommunalbestyrelsen anlægsmidler', '2015 frigav'],
    ['i 2017 fik kommunerne til opgave', '2017 fik'],
    // no noun
    ['steget fra 418 i 1. kvartal', '418'],
    ['to private og den kommunale', 'to private'],
    ['Side 2 af 4\nFærdigbehandlede sager i 2024', '4\nFærdigbehandlede sager'],
    // a count and its noun share a line: a line break or a tab (a cell edge) between them is no count
    ['mindst 20\nborgere deltog', '20\nborgere'],
    ['mindst 20\tborgere deltog', '20\tborgere'],
    ['ca.\n20 borgere', 'ca.\n'],
    ['1\tIndkøb af eksterne ressourcer', '1'],
    ['Mål 3 Flere borgere i job', '3 Flere borgere'],
    ['Mål 3 borgere i job', '3 borgere'],
    ['Status\n3 Politikadet Junior forløb', '3 Politikadet Junior forløb'],
    ['- 3 De Unges Hus aktiviteter', '3 De Unges Hus aktiviteter'],
    ['konto 20 borgere', '20 borgere'],
    ['der er 5 mio. kr.', '5 mio. kr.'],
  ])('no count in "%s"', (source, part) => {
    expectNoFact(source, part, 'quantity');
  });
});
