// The result of a rate run, as `skillzip rate --json` prints it and as the charts and the HTML report
// read it: the records measured, the model, lossless baselines, skillzip's settings with rate and fidelity, the
// measured testing error beside THEORY.md §5's prediction, the emergence sweep (§3 DE) and the erasure sweep (§8 DE).

import type { MeasuredPredicted } from '../../src/model/types.js';
import type { SizePrediction, Verdict } from '../../src/theory/feasibility.js';
import type { LosslessRate, Rate, RecordSet } from './baselines.js';
import type { Fidelity } from './fidelity.js';
import type { KeywordPoint } from './keywords.js';
import type { ChannelPoint } from './separation.js';

export interface CorpusPart extends RecordSet {
  documents: number;
}

export interface CorpusSummary {
  /** 'brown' or the input files. */
  source: string;
  /** Seed of the split and every subsample. */
  seed: number;
  /** Share of documents trained on, or null when a model was given and every record is held out. */
  trainFraction: number | null;
  train: CorpusPart | null;
  test: CorpusPart;
}

export interface ModelSummary {
  id: string;
  /** Where the model came from: trained in this run, a file, or the built-in default. */
  source: string;
  /** Size of the model file in bytes: every stream needs it at the decoder. */
  bytes: number;
  skills: number;
  learnedSkills: number;
  texts: number;
  ratio: number;
  learned: MeasuredPredicted;
  /** Training statistics, measured beside their DE predictions (THEORY.md §3, §7). */
  edges: number;
  meanSkillDegree: number;
  meanTextDegree: number;
  learner: string;
  rounds: number;
  edgeLearned: MeasuredPredicted;
  textsCovered: MeasuredPredicted;
  giantComponent: MeasuredPredicted;
  /** The feasibility plan of docs/THEORY.md §11 (src/model modelPlan): its verdict, and its prediction at the
   *  model's own size (held-out recall, set-entropy bits per text and character); null without the statistics. */
  verdict: Verdict | null;
  predicted: SizePrediction | null;
}

/** The theory's thresholds for the model's empirical ensemble (THEORY.md §4) and for the robust repetitions (§8). */
export interface TheorySummary {
  ensemble: string;
  /** R* and G* = 1/R* when every skill sits in two texts or more (never for real corpora, which have hapaxes). */
  threshold: { ratio: number; load: number } | null;
  /** Otherwise the emergence jump R_c (cold start), the lower spinodal, and the learned fraction either side. */
  jump: { ratio: number; lowerRatio: number | null; learnedBefore: number; learnedAfter: number } | null;
  /** Clean-channel load threshold G* of each repetition distribution of the erasure sweep. */
  repetitions: Array<{ spec: string; cleanThreshold: number }>;
}

/** How the bytes of one skillzip stream over the held-out records split up; they add up to `bytes`. */
export interface StreamBytes {
  bytes: number;
  header: number;
  frames: number;
  /** Bytes of the frames' coded skill sets, the rest of the frames being framing (lengths, counts, CRC32). */
  payload: number;
  trailer: number;
  frameCount: number;
}

export interface CodecSetting {
  /** 'compact', 'robust liva8 overhead 1.5', ... */
  label: string;
  mode: string;
  options: Record<string, string | number | boolean>;
  stream: StreamBytes;
  rate: Rate;
  fidelity: Fidelity;
}

/** An error measured on the held-out texts, its DE prediction, and the same error on the training texts. */
export interface ErrorLevel extends MeasuredPredicted {
  training: number;
}

export interface TestingError {
  /** Share of held-out skill occurrences not carried, beside 1 − the DE's edge-perspective learned fraction. */
  skill: ErrorLevel;
  /** Share of held-out texts not carried whole, beside 1 − P(1 − ε) over the text-degree distribution. */
  text: ErrorLevel;
  /** Share of held-out skill occurrences whose skill never occurred in training (part of the measured error). */
  unseen: number;
}

export interface SweepPoint {
  /** Share of the training records used. */
  fraction: number;
  texts: number;
  skills: number;
  /** R = T/N of the subsample. */
  ratio: number;
  learned: MeasuredPredicted;
  /** Compact mode on the held-out records with this model. */
  rate: Rate;
  fidelity: Fidelity;
}

/** What layering costs (./layered.ts): a layered model's stream at full refinement against its word-mode stream. */
export interface LayeredCost {
  /** 'layered:L'. */
  skills: string;
  wordBytes: number;
  layeredBytes: number;
  /** layeredBytes / wordBytes (the target: at most 1.05). */
  ratio: number;
  wordBitsPerChar: number;
  layeredBitsPerChar: number;
}

/** A point of the rate–distortion curve (./distortion.ts). */
export interface DistortionPoint {
  /** Training fraction of the model (1: the run's model). */
  fraction: number;
  /** The model's skills: 'word' (stems) or 'concept:L' (src/concepts). */
  skills: string;
  /** The selection: none, --max-skills K (rarest first), --max-skills K --rank-by coverage, --min-information B; of
   *  a layered model (./layered.ts), --refine-min-information B, or the base layer alone ('none': full refinement). */
  knob: 'none' | 'max-skills' | 'coverage' | 'min-information' | 'refine-min-information' | 'base';
  value: number | null;
  rate: Rate;
  fidelity: Fidelity;
  /** TF-IDF keywords at the same bytes (./keywords.ts); the run's model only. */
  keywords: KeywordPoint | null;
}

export interface ErasurePoint {
  repetition: string;
  /** Slots per skill (1/G). */
  overhead: number;
  /** Records per robust block. */
  block: number;
  erasure: number;
  rate: Rate;
  skills: number;
  /** Share of held-out records whose learned skills were all recovered, and share of learned skills recovered. */
  recordsRecovered: number;
  skillsRecovered: number;
  /** 1 − the §8 DE loss at the load and erasure of this setting. */
  predictedSkillsRecovered: number;
  /** 1 − Λ(e): the share recoverable at best, since a skill whose every slot is erased is lost (the erasure floor). */
  ceiling: number;
}

/** The model file's cost (docs/RATE.md, "Model cost"). */
export interface ModelCost {
  bytes: number;
  /** Compact mode's bits per held-out character with the model file sent once with the held-out records. */
  amortisedBitsPerChar: number;
  /** Characters past which compact mode plus the model costs fewer bits than the bag of skills under brotli -11
   *  (one stream); null when compact mode is not cheaper than that baseline per character. */
  breakEvenCharacters: number | null;
}

/** What made a report: the program, the command line, the model and when (set by the command line). */
export interface ReportMeta {
  version: string;
  command: string;
  modelId: string;
  date: string;
}

export interface RateReport {
  /** Null from the library; the CLI fills it in. */
  meta: ReportMeta | null;
  corpus: CorpusSummary;
  model: ModelSummary;
  /** Null unless asked for (the report asks). */
  theory: TheorySummary | null;
  /** Lossless coders on the held-out texts ('text') and on the bags of skills compact mode sends ('skills'). */
  baselines: LosslessRate[];
  modelCost: ModelCost;
  settings: CodecSetting[];
  testingError: TestingError;
  sweep: SweepPoint[];
  /** The rate–distortion curves, the run's model's first; empty unless asked for. */
  distortion: DistortionPoint[];
  /** Per layered model (--layered), the cost of its layers at full refinement; empty unless asked for. */
  layered: LayeredCost[];
  erasure: ErasurePoint[];
  /** Compact mode over frame loss, alone and with an LT code (separation); with the erasure sweep. */
  channels: ChannelPoint[];
  /** Per erasure rate, the cheapest setting (fewest bytes) that recovers at least `recovery` of the skills, or null. */
  target: { recovery: number; cheapest: Array<{ erasure: number; setting: ErasurePoint | null }> };
  /** With several seeds (./seeds.ts): every number above is the mean over the seeds (other values the first seed's),
   *  and `low` and `high`, of the same shape, bound each number's 95 % interval; null for one seed. */
  interval: { seeds: number[]; low: RateReport; high: RateReport } | null;
}
