// The pictures of a rate run, built from its RateReport: the emergence curve (learned fraction
// against R = T/N, measured beside THEORY.md §3 DE), rate against fidelity (skillzip settings beside the lossless
// coders as one stream: on the text at recall 1, on the bag of skills at compact mode's recall), and recovery against slot erasure (measured beside the
// §8 DE, one series per repetition distribution and overhead, under the ceiling 1 − Λ(e) of the erasure floor);
// with a distortion sweep, recall and WordNet similarity against rate along each model's curve (word skills, the
// sweep's models, concept skills) beside TF-IDF keywords.

import type { RateReport } from '../../lab/rate/types.js';
import type { Fidelity } from '../../lab/rate/fidelity.js';
import { hasData, type Chart, type ChartPoint } from './chart.js';

export function emergenceChart(report: RateReport): Chart {
  const points = report.sweep.length > 0
    ? report.sweep.map((p) => ({ x: p.ratio, learned: p.learned, label: `${p.fraction} of training` }))
    : [{ x: report.model.ratio, learned: report.model.learned, label: 'model' }];
  const series = 'learned fraction of skills';
  return {
    id: 'emergence',
    title: 'Emergence: skills learned against texts per skill',
    xTitle: 'R = training texts per skill',
    yTitle: 'learned fraction of skills',
    xScale: 'linear',
    yDomain: [0, 1],
    joinMeasured: true,
    predictedLabel: 'DE (THEORY.md §3)',
    measured: points.map((p) => ({ series, x: p.x, y: p.learned.measured, label: p.label, front: true })),
    predicted: points.map((p) => ({ series, x: p.x, y: p.learned.predicted })),
  };
}

export function rateFidelityChart(report: RateReport): Chart {
  const measured: ChartPoint[] = [
    ...report.baselines
      .filter((b) => b.framing === 'one stream')
      .map((b) => ({ series: `${b.method}, ${b.content === 'text' ? 'text' : 'bag of skills'}`, x: b.bitsPerChar, y: b.content === 'text' ? 1 : report.settings[0].fidelity.skillRecall })),
    ...report.settings.map((s) => ({ series: `skillzip ${s.label}`, x: s.rate.bitsPerChar, y: s.fidelity.skillRecall, front: true })),
    ...report.sweep.map((p) => ({ series: 'skillzip compact, training sweep', x: p.rate.bitsPerChar, y: p.fidelity.skillRecall, label: `${p.fraction} of training`, front: true })),
  ];
  return {
    id: 'rate-fidelity',
    title: 'Rate against fidelity on the held-out records',
    xTitle: 'rate (bits per input character)',
    yTitle: 'skill recall (share of skills carried)',
    xScale: 'log',
    yDomain: [0, 1],
    joinMeasured: false,
    predictedLabel: 'prediction',
    measured,
    predicted: [],
  };
}

const DISTORTION_MEASURES = {
  recall: { yTitle: 'skill recall', measure: (f: Fidelity): number | null => f.skillRecall },
  wordnet: { yTitle: 'WordNet similarity', measure: (f: Fidelity): number | null => f.wordnet },
  wordnetFirstSense: { yTitle: 'WordNet similarity, first senses', measure: (f: Fidelity): number | null => f.wordnetFirstSense },
} as const;

/** A distortion point's setting in a few characters: 'all', 'K ≤ 4' (--max-skills), 'C ≤ 4' (--max-skills 4 --rank-by
 *  coverage), 'I ≥ 10 b' (--min-information), 'R ≥ 8 b' (--refine-min-information), 'base' (a layered base layer). */
function knobLabel(p: RateReport['distortion'][number]): string {
  const labels = { 'max-skills': `K ≤ ${p.value}`, coverage: `C ≤ ${p.value}`, 'min-information': `I ≥ ${p.value} b`, 'refine-min-information': `R ≥ ${p.value} b`, base: 'base', none: 'all' };
  return labels[p.knob];
}

/** Rate against one fidelity measure along the rate–distortion curves, TF-IDF keywords at the same bytes beside. */
export function distortionChart(report: RateReport, which: keyof typeof DISTORTION_MEASURES): Chart {
  const { yTitle, measure } = DISTORTION_MEASURES[which];
  const id = `distortion-${which}`;
  const curve = (p: RateReport['distortion'][number]): string =>
    p.skills.startsWith('layered:')
      ? `skillzip compact, ${p.skills} stream`
      : p.skills !== 'word'
        ? `skillzip compact, ${p.skills} skills`
        : p.fraction === 1
          ? 'skillzip compact'
          : `skillzip compact, model of ${p.fraction} of the training records`;
  const measured: ChartPoint[] = [];
  for (const p of report.distortion) {
    const label = knobLabel(p);
    // one line per knob: the unthinned point ends each (a layered stream's refinements run down to its base layer)
    const paths = p.knob === 'none' ? ['max-skills', 'coverage', 'min-information', 'refine-min-information'] : [p.knob === 'base' ? 'refine-min-information' : p.knob];
    const k = p.keywords && measure(p.keywords.fidelity);
    const y = measure(p.fidelity);
    for (const path of paths) {
      if (p.keywords && k !== null && k !== undefined) measured.push({ series: 'TF-IDF keywords, brotli -11', x: p.keywords.rate.bitsPerChar, y: k, label: path === paths[0] ? label : undefined, path });
      if (y !== null) measured.push({ series: curve(p), x: p.rate.bitsPerChar, y, label: path === paths[0] ? label : undefined, front: true, path });
    }
  }
  return {
    id,
    title: `Rate–distortion: ${yTitle} against rate on the held-out records`,
    xTitle: 'rate (bits per input character)',
    yTitle,
    xScale: 'log',
    yDomain: [0, 1],
    joinMeasured: true,
    predictedLabel: 'prediction',
    measured,
    predicted: [],
  };
}

export function recoveryChart(report: RateReport): Chart {
  const blocks = new Set(report.erasure.map((p) => p.block)).size;
  // The erasure floor depends on the repetition only: one ceiling line per repetition.
  const ceilings = [...new Map(report.erasure.map((p) => [`${p.repetition}@${p.erasure}`, p])).values()].map((p) => ({
    series: `${p.repetition}, ceiling 1 − Λ(e)`,
    x: p.erasure,
    y: p.ceiling,
  }));
  const name = (p: RateReport['erasure'][number]): string =>
    `${p.repetition}, ${p.overhead} slots/skill${blocks > 1 ? `, ${p.block} records/block` : ''}`;
  return {
    id: 'recovery',
    title: 'Robust mode: skills recovered against slot erasure',
    xTitle: 'slot erasure probability e',
    yTitle: 'share of skills recovered',
    xScale: 'linear',
    joinMeasured: true,
    predictedLabel: 'DE (THEORY.md §8)',
    measured: report.erasure.map((p) => ({ series: name(p), x: p.erasure, y: p.skillsRecovered, front: true })),
    predicted: [...report.erasure.map((p) => ({ series: name(p), x: p.erasure, y: p.predictedSkillsRecovered })), ...ceilings],
  };
}

/** Skills delivered against erasure rate, every scheme with its cost in the legend: robust mode under slot erasure,
 *  compact mode under frame loss, alone and protected by an LT code (separation). */
export function channelChart(report: RateReport): Chart {
  const cost = (bitsPerChar: number): string => `${bitsPerChar.toFixed(2)} b/char`;
  // Legends cut long labels: the cost first, then the scheme in a few words.
  const shortScheme = (p: RateReport['channels'][number]): string =>
    p.design !== null ? `compact + LT (e₀ = ${p.design})` : p.scheme.includes('frame loss') ? 'compact, frame loss' : `compact + LT, ${p.scheme.replace(/^.*at the bytes of /, '')}`;
  return {
    id: 'channels',
    title: 'Erasure channels: skills delivered against erasure rate, at the cost shown',
    xTitle: 'erasure probability e (slots for robust, packets or frames for compact)',
    yTitle: 'share of skills delivered',
    xScale: 'linear',
    yDomain: [0, 1],
    joinMeasured: true,
    predictedLabel: 'prediction',
    measured: [
      ...report.channels.map((p) => ({ series: `${cost(p.rate.bitsPerChar)}: ${shortScheme(p)}`, x: p.erasure, y: p.skillsDelivered })),
      ...report.erasure.map((p) => ({ series: `${cost(p.rate.bitsPerChar)}: robust ${p.repetition}, ${p.overhead} slots/skill`, x: p.erasure, y: p.skillsRecovered, front: true })),
    ],
    predicted: [],
  };
}

/**
 * A chart of a report whose measured points carry their 95 % intervals over seeds (error bars): the same chart drawn
 * from the interval's bounds gives each point's low and high, point by point.
 */
export function withIntervals(report: RateReport, draw: (report: RateReport) => Chart): Chart {
  const chart = draw(report);
  if (report.interval === null) return chart;
  const low = draw(report.interval.low).measured;
  const high = draw(report.interval.high).measured;
  return {
    ...chart,
    measured: chart.measured.map((p, i) => {
      const [a, b] = [low[i]?.y, high[i]?.y];
      return a === undefined || b === undefined ? p : { ...p, low: Math.min(a, b), high: Math.max(a, b) };
    }),
  };
}

/** The charts of a report that have something to draw, in reading order, with error bars over seeds. */
export function rateCharts(report: RateReport): Chart[] {
  return [
    emergenceChart,
    rateFidelityChart,
    (r: RateReport) => distortionChart(r, 'recall'),
    (r: RateReport) => distortionChart(r, 'wordnet'),
    (r: RateReport) => distortionChart(r, 'wordnetFirstSense'),
    recoveryChart,
    channelChart,
  ]
    .map((draw) => withIntervals(report, draw))
    .filter(hasData);
}
