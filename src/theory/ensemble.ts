// Ensembles of skill-text graphs (THEORY.md §1): which degree distributions the two sides have at a ratio
// R = texts/skills, for density evolution and for the simulator alike. Four views:
//
//   irsa       Λ given (skills pick texts); texts get Poisson(Λ'(1)/R) skills. Random graphs draw skill degrees.
//   ag         P given (texts pick skills, as in [AG]); skills get Poisson(R·P'(1)) texts. Graphs draw text degrees.
//   pp         the AG view with a Poisson(d) text side: skill degrees Poisson(dR), text degrees Poisson(d).
//   empirical  both Λ and P given (measured on a corpus); their own ratio is R0 = Λ'(1)/P'(1), and a smaller R is
//              reached by keeping a fraction f = R/R0 of the texts, which thins Λ binomially (Λ_f(x) = Λ(1−f+fx))
//              and leaves P unchanged. Graphs draw both sides (configuration model). R > R0 is a ParamError.
//
// How specs choose the view (ensembleFromSpecs): only a skill side -> irsa; only a text side -> ag (pp when it is
// Poisson); a bare 'poisson' on one side means "Poisson with the mean the other side implies", so
// { skillDegree: 'poisson', textDegree: 'poisson:3' } is pp with d = 3 (as is { pp: 3 }), and { skillDegree: 'x^3',
// textDegree: 'poisson' } is irsa; both sides given with their own parameters -> empirical.
// `prior` is ε₀, the probability that a skill starts unknown (1 = cold start, THEORY.md §3 and §6).

import { ParamError } from '../util/errors.js';
import { DegreeDistribution, parseDegreeSpec } from './degree.js';
import { oneSkill, parseLearner, type Learner } from './learners.js';

export type EnsembleView = 'irsa' | 'ag' | 'pp' | 'empirical';

/** The two sides of the graph at one ratio R, node perspective. */
export interface EnsembleSides {
  ratio: number;
  skillDegree: DegreeDistribution;
  textDegree: DegreeDistribution;
}

export class Ensemble {
  /**
   * `skillDegree` is the given skill side (irsa, empirical), `textDegree` the given text side (ag, pp, empirical);
   * the other is null and follows from R.
   */
  constructor(
    readonly view: EnsembleView,
    readonly skillDegree: DegreeDistribution | null,
    readonly textDegree: DegreeDistribution | null,
    readonly learner: Learner = oneSkill(),
    readonly prior = 1,
  ) {
    if ((view === 'irsa') !== (textDegree === null) || (view === 'ag' || view === 'pp') !== (skillDegree === null)) {
      throw new RangeError(`a ${view} ensemble needs ${view === 'irsa' ? 'only a skill side' : view === 'empirical' ? 'both sides' : 'only a text side'}`);
    }
    if (view === 'pp' && textDegree?.poissonMean === null) throw new RangeError('the pp ensemble needs a Poisson text side');
    if (!(prior > 0 && prior <= 1)) throw new ParamError((n) => `${n('prior')} ${prior}: the probability that a skill starts unknown must be in (0, 1]`);
  }

  /** The PP model with text degree Poisson(d). */
  static pp(d: number, learner?: Learner, prior?: number): Ensemble {
    return new Ensemble('pp', null, DegreeDistribution.poisson(d, `poisson:${d}`), learner, prior);
  }

  /** Which side random graphs draw degrees from: the other side's degrees come out of uniform choices. */
  get drawnSide(): 'skill' | 'text' | 'both' {
    return this.view === 'irsa' ? 'skill' : this.view === 'empirical' ? 'both' : 'text';
  }

  /** The empirical view's own ratio R0 = Λ'(1)/P'(1) (the largest reachable R); Infinity for the other views. */
  maxRatio(): number {
    return this.view === 'empirical' ? (this.skillDegree as DegreeDistribution).mean() / (this.textDegree as DegreeDistribution).mean() : Infinity;
  }

  /** The degree distributions of both sides at ratio R. */
  at(ratio: number): EnsembleSides {
    if (!(Number.isFinite(ratio) && ratio > 0)) throw new ParamError((n) => `${n('ratio')} ${ratio}: the ratio texts/skills must be a positive number`);
    const skills = this.skillDegree;
    const texts = this.textDegree;
    switch (this.view) {
      case 'irsa': {
        const s = skills as DegreeDistribution;
        return { ratio, skillDegree: s, textDegree: DegreeDistribution.poisson(s.mean() / ratio) };
      }
      case 'ag':
      case 'pp': {
        const t = texts as DegreeDistribution;
        return { ratio, skillDegree: DegreeDistribution.poisson(ratio * t.mean()), textDegree: t };
      }
      case 'empirical': {
        const full = this.maxRatio();
        const f = ratio / full;
        if (f > 1 + 1e-12) {
          throw new ParamError((n) => `${n('ratio')} ${ratio} exceeds the ensemble's own ratio ${full} (empirical ensembles reach smaller ratios by subsampling texts)`);
        }
        return { ratio, skillDegree: (skills as DegreeDistribution).thin(Math.min(f, 1)), textDegree: texts as DegreeDistribution };
      }
    }
  }

  /** A short description, e.g. 'irsa: skills liva8, texts Poisson(Λ\'(1)/R); learner 1'. */
  describe(): string {
    const learner = `learner ${this.learner.label}${this.prior < 1 ? `, prior ε0 ${this.prior}` : ''}`;
    switch (this.view) {
      case 'irsa':
        return `irsa: skills ${this.skillDegree?.spec}, texts Poisson(Λ'(1)/R); ${learner}`;
      case 'ag':
        return `ag: texts ${this.textDegree?.spec}, skills Poisson(R·P'(1)); ${learner}`;
      case 'pp':
        return `pp: texts Poisson(${this.textDegree?.poissonMean}), skills Poisson(${this.textDegree?.poissonMean}·R); ${learner}`;
      case 'empirical':
        return `empirical: skills ${this.skillDegree?.spec} thinned to R, texts ${this.textDegree?.spec} (R0 = ${this.maxRatio()}); ${learner}`;
    }
  }

  /** The JSON form printed by the commands as "ensemble". */
  toJSON(): { view: EnsembleView; skillDegree: string | null; textDegree: string | null; learner: string; prior: number } {
    return {
      view: this.view,
      skillDegree: this.skillDegree?.spec ?? null,
      textDegree: this.textDegree?.spec ?? null,
      learner: this.learner.label,
      prior: this.prior,
    };
  }
}

export interface EnsembleSpecs {
  skillDegree?: string;
  textDegree?: string;
  /** PP shorthand: text degree Poisson(pp). */
  pp?: number;
  learner?: string;
  prior?: number;
  /** Reads '@file.json' specs (the command line passes a file reader; see parseDegreeSpec). */
  readFile?: (path: string) => string;
}

const BARE_POISSON = /^\s*poisson\s*$/i;

/** Builds an Ensemble from specs by the rules in the header; a bad spec is a ParamError naming its parameter. */
export function ensembleFromSpecs(specs: EnsembleSpecs): Ensemble {
  const learner = specs.learner === undefined ? oneSkill() : parseLearner(specs.learner);
  const prior = specs.prior ?? 1;
  const side = (param: string, spec: string | undefined): DegreeDistribution | 'implied' | null => {
    if (spec === undefined) return null;
    if (BARE_POISSON.test(spec)) return 'implied';
    try {
      return parseDegreeSpec(spec, specs.readFile);
    } catch (err) {
      if (err instanceof ParamError) throw new ParamError((n) => `${n(param)}: ${err.messageWith(n)}`, err.code);
      throw err;
    }
  };
  const skills = side('skillDegree', specs.skillDegree);
  const texts = side('textDegree', specs.textDegree);
  if (specs.pp !== undefined) {
    if (skills !== null || texts !== null) throw new ParamError((n) => `${n('pp')} D is the PP model by itself: leave out ${n('skillDegree')} and ${n('textDegree')}`, 'ERR_SPEC');
    if (!(Number.isFinite(specs.pp) && specs.pp > 0)) throw new ParamError((n) => `${n('pp')} ${specs.pp}: the mean text degree must be a positive number`);
    return Ensemble.pp(specs.pp, learner, prior);
  }
  if (skills === 'implied' && texts === 'implied') {
    throw new ParamError((n) => `${n('skillDegree')} poisson ${n('textDegree')} poisson: give one side its mean, e.g. ${n('textDegree')} poisson:3 (or ${n('pp')} 3)`, 'ERR_SPEC');
  }
  if (skills === null && texts === null) throw new ParamError((n) => `give ${n('skillDegree')} SPEC, ${n('textDegree')} SPEC or ${n('pp')} D`, 'ERR_SPEC');
  if (texts === null || texts === 'implied') return new Ensemble('irsa', skills as DegreeDistribution, null, learner, prior);
  if (skills === null || skills === 'implied') return new Ensemble(texts.poissonMean !== null ? 'pp' : 'ag', null, texts, learner, prior);
  return new Ensemble('empirical', skills, texts, learner, prior);
}
