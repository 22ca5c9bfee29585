// Compact mode on erasure channels (docs/RATE.md, "Channels"), beside robust mode's slot erasures:
//  - frame loss: a compact stream of frames of B records, each frame lost with probability e; a lost frame loses
//    its records' skills, a received one delivers them all;
//  - separation (source coding, then channel coding): the same stream cut into packets of PACKET_BYTES, protected by
//    an LT code (./lt-code.ts) of n coded packets, each lost with probability e and carrying a PACKET_HEADER-byte
//    index; a frame is delivered when every source packet it touches is recovered. n is designed for one erasure
//    rate e₀: the smallest n at which Bin(n, 1 − e₀) received packets reach ⌈k(1 + m)⌉ with probability
//    DESIGN_CONFIDENCE (packetsForReception), m the reception margin of ./lt-code.ts for this k (Luby's β − 1,
//    raised until MARGIN_TRIALS seeded codes all decode); or n is matched to the bytes of a robust stream. The same
//    n is used at every e.
// The stream header is taken as delivered in all (as in the robust sweep). Each figure is the mean share of the
// stream's skills delivered over TRIALS seeded draws of the channel.

import { createHash } from 'node:crypto';
import type { SkillModel } from '../../src/model/index.js';
import { Prng } from '../../src/util/prng.js';
import { rateOf, type Rate, type RecordSet } from './baselines.js';
import { ltDecode, ltEncode, packetsForReception, receptionMargin } from './lt-code.js';
import { encodeTexts, readBack } from './stream.js';

export const PACKET_BYTES = 64;
export const PACKET_HEADER = 4;
export const TRIALS = 20;
/** Seeded codes that must all decode at the chosen reception margin. */
export const MARGIN_TRIALS = 20;
/** The probability with which a designed code's n packets deliver ⌈k(1 + m)⌉ at its design rate e₀. */
export const DESIGN_CONFIDENCE = 0.99;

export interface ChannelPoint {
  /** 'compact, frame loss', 'compact + LT, designed for e = 0.1', 'compact + LT, at the bytes of robust …'. */
  scheme: string;
  /** The erasure rate the code was designed for (null: none, or matched to a byte budget). */
  design: number | null;
  /** The LT code's reception margin m (n: P[Bin(n, 1 − e₀) ≥ ⌈k(1 + m)⌉] ≥ DESIGN_CONFIDENCE) for a designed code;
   *  null otherwise. */
  margin: number | null;
  erasure: number;
  rate: Rate;
  /** Mean share of the stream's skills delivered. */
  skillsDelivered: number;
}

export interface SeparationOptions {
  seed: number;
  erasures: number[];
  /** Records per compact frame. */
  block: number;
  /** Erasure rates the LT code is designed for. */
  designs: number[];
  /** Byte budgets to match, with their names (e.g. robust streams'). */
  budgets: Array<{ name: string; bytes: number }>;
}

function trialRng(seed: number, scheme: string, erasure: number): Prng {
  return new Prng(createHash('sha256').update(JSON.stringify([seed, scheme, erasure])).digest().readUInt32LE(0));
}

/** Source packets of `stream`, the last one zero-padded. */
function packetsOf(stream: Uint8Array): Uint8Array[] {
  const packets: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += PACKET_BYTES) {
    const packet = new Uint8Array(PACKET_BYTES);
    packet.set(stream.subarray(at, at + PACKET_BYTES));
    packets.push(packet);
  }
  return packets;
}

export async function channelCurves(model: SkillModel, texts: readonly string[], set: RecordSet, options: SeparationOptions): Promise<ChannelPoint[]> {
  const stream = await encodeTexts(model, texts, { mode: 'compact', options: {}, frameRecords: options.block });
  const back = readBack(model, stream);
  const total = back.frames.reduce((n, f) => n + f.skills, 0);
  const share = (skills: number): number => (total > 0 ? skills / total : 1);
  const points: ChannelPoint[] = [];

  const frameLoss = `compact, frames of ${options.block} records, frame loss`;
  for (const erasure of options.erasures) {
    const rng = trialRng(options.seed, frameLoss, erasure);
    let delivered = 0;
    for (let trial = 0; trial < TRIALS; trial++) for (const f of back.frames) if (rng.next() >= erasure) delivered += f.skills;
    points.push({ scheme: frameLoss, design: null, margin: null, erasure, rate: rateOf(stream.length, set), skillsDelivered: share(delivered / TRIALS) });
  }

  // Each frame's source packets: frames follow the header back to back.
  const packets = packetsOf(stream);
  const frameSpans: Array<{ first: number; last: number; skills: number }> = [];
  let at = back.bytes.header;
  for (const f of back.frames) {
    frameSpans.push({ first: Math.floor(at / PACKET_BYTES), last: Math.floor((at + f.bytes - 1) / PACKET_BYTES), skills: f.skills });
    at += f.bytes;
  }
  const k = packets.length;
  const margin = options.designs.length > 0 ? receptionMargin(k, MARGIN_TRIALS, trialRng(options.seed, 'reception margin', k)) : null;
  const codes = [
    ...options.designs.map((design) => ({ scheme: `compact + LT, designed for e = ${design}`, design, margin, n: packetsForReception(Math.ceil(k * (1 + margin!)), design, DESIGN_CONFIDENCE) })),
    ...options.budgets.map((b) => ({ scheme: `compact + LT, at the bytes of ${b.name}`, design: null, margin: null, n: Math.max(k, Math.floor(b.bytes / (PACKET_BYTES + PACKET_HEADER))) })),
  ];
  for (const code of codes) {
    const coded = ltEncode(packets, code.n, trialRng(options.seed, code.scheme, -1));
    for (const erasure of options.erasures) {
      const rng = trialRng(options.seed, code.scheme, erasure);
      let delivered = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const received = coded.payloads.map(() => rng.next() >= erasure);
        const recovered = ltDecode(k, coded, received);
        for (const span of frameSpans) {
          let whole = true;
          for (let p = span.first; p <= span.last && whole; p++) whole = recovered[p] !== null;
          if (whole) delivered += span.skills;
        }
      }
      points.push({ scheme: code.scheme, design: code.design, margin: code.margin, erasure, rate: rateOf(code.n * (PACKET_BYTES + PACKET_HEADER), set), skillsDelivered: share(delivered / TRIALS) });
    }
  }
  return points;
}
