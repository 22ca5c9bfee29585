// The pictures of a rate run, built from its RateReport: the emergence curve (learned fraction
// against R = T/N, measured beside THEORY.md §3 DE), rate against fidelity (skillzip settings beside the lossless
// coders as one stream: on the text at recall 1, on the bag of skills at compact mode's recall), and recovery against slot erasure (measured beside the
// §8 DE, one series per repetition distribution and overhead, under the ceiling 1 − Λ(e) of the erasure floor);
// with a distortion sweep, recall and WordNet similarity against rate along each model's curve beside TF-IDF keywords.

import type { RateReport } from '../../lab/rate/types.js';
import type { Fidelity } from '../../lab/rate/fidelity.js';
import { hasData, type Chart, type ChartPoint } from './chart.js';

export function emergenceChart(report: RateReport): Chart {
  const points = report.sweep.length > 0
    ? report.sweep.map((p) => ({ x: p.ratio, learned: p.learned }))
    : [{ x: report.model.ratio, learned: report.model.learned }];
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
    measured: points.map((p) => ({ series, x: p.x, y: p.learned.measured })),
    predicted: points.map((p) => ({ series, x: p.x, y: p.learned.predicted })),
  };
}

export function rateFidelityChart(report: RateReport): Chart {
  const measured: ChartPoint[] = [
    ...report.settings.map((s) => ({ series: `skillzip ${s.label}`, x: s.rate.bitsPerChar, y: s.fidelity.skillRecall })),
    ...report.sweep.map((p) => ({ series: 'skillzip compact, training sweep', x: p.rate.bitsPerChar, y: p.fidelity.skillRecall })),
    ...report.baselines
      .filter((b) => b.framing === 'one stream')
      .map((b) => ({ series: `${b.method}, ${b.content === 'text' ? 'text' : 'bag of skills'}`, x: b.bitsPerChar, y: b.content === 'text' ? 1 : report.settings[0].fidelity.skillRecall })),
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

/** Rate against one fidelity measure along the rate–distortion curves, TF-IDF keywords at the same bytes beside. */
function distortionChart(report: RateReport, id: string, yTitle: string, measure: (f: Fidelity) => number | null): Chart {
  const curve = (fraction: number): string => (fraction === 1 ? 'skillzip compact' : `skillzip compact, model of ${fraction} of the training records`);
  const measured: ChartPoint[] = [];
  for (const p of report.distortion) {
    const y = measure(p.fidelity);
    if (y !== null) measured.push({ series: curve(p.fraction), x: p.rate.bitsPerChar, y });
    const k = p.keywords && measure(p.keywords.fidelity);
    if (p.keywords && k !== null && k !== undefined) measured.push({ series: 'TF-IDF keywords, brotli -11', x: p.keywords.rate.bitsPerChar, y: k });
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
    measured: report.erasure.map((p) => ({ series: name(p), x: p.erasure, y: p.skillsRecovered })),
    predicted: [...report.erasure.map((p) => ({ series: name(p), x: p.erasure, y: p.predictedSkillsRecovered })), ...ceilings],
  };
}

/** The charts of a report that have something to draw, in reading order. */
export function rateCharts(report: RateReport): Chart[] {
  return [
    emergenceChart(report),
    rateFidelityChart(report),
    distortionChart(report, 'distortion-recall', 'skill recall', (f) => f.skillRecall),
    distortionChart(report, 'distortion-wordnet', 'WordNet similarity', (f) => f.wordnet),
    recoveryChart(report),
  ].filter(hasData);
}
