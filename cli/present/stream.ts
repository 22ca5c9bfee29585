// The stream summary of `skillzip inspect` (cli/commands/inspect.ts dispatches here on the .skz magic): prints the
// summary of codec/inspect.ts as tables, JSON or CSV, and exits 1 when the stream is damaged or truncated. The
// built-in model is used to decode the frames when the stream was made with it; otherwise the figures come from
// the container alone.

import { createReadStream } from 'node:fs';
import { summarizeStream, type StreamSummary } from '../../codec/inspect.js';
import { FIT_MIN_OCCURRENCES, FIT_TOLERANCE } from '../../src/model/index.js';
import { kebabCase } from '../errors.js';
import { printResult, type Table } from '../output.js';
import { defaultModelWithId } from '../coding/codec-io.js';

const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

function predictedText(s: StreamSummary): string {
  if (s.learnedShare.predicted !== null) return percent(s.learnedShare.predicted);
  return s.version < 5 ? `not stored (stream version ${s.version})` : 'none (the model has no feasibility statistics)';
}

function fitText(s: StreamSummary): string {
  const { fits, predicted } = s.learnedShare;
  if (fits === true) return `yes (learned share within ${FIT_TOLERANCE} of the prediction)`;
  if (fits === false) return `no: the learned share falls short of the prediction by more than ${FIT_TOLERANCE}; train a model on text like the input (skillzip train)`;
  return predicted === null ? 'unknown (no prediction)' : `unknown (fewer than ${FIT_MIN_OCCURRENCES} skill occurrences)`;
}

export async function inspectStream(file: string, opts: { json: boolean; csv: boolean }): Promise<void> {
  const summary = await summarizeStream(createReadStream(file), file, defaultModelWithId);
  // the mode's options by the names of their flags, as encode takes them
  const s = { ...summary, options: Object.fromEntries(Object.entries(summary.options).map(([name, value]) => [kebabCase(name), value])) };
  const rows: Array<[string, string | number]> = [
    ['kind', `skillzip stream, version ${s.version}, mode ${s.mode}${s.layered ? ', layered' : ''}${s.members.length > 1 ? `, ${s.members.length} members (below)` : ''}${s.complete ? '' : ' (no trailer: truncated)'}`],
    ['model id', s.modelId],
    ['mode options', Object.entries(s.options).map(([k, v]) => `${k}=${v}`).join(', ') || '-'],
    ['novel skills kept as literals', s.keepNovel ? 'yes' : 'no'],
    ['bytes (header / frames / trailer)', `${s.bytes} (${s.headerBytes} / ${s.frameBytes} / ${s.trailerBytes})`],
    ['frames, records', `${s.frames}, ${s.records}`],
    ['learned skills coded, novel skills', `${s.skills}, ${s.novel}`],
    ['learned share of skill occurrences', `${percent(s.learnedShare.measured)} of ${s.learnedShare.occurrences}`],
    ['model’s predicted held-out recall', predictedText(s)],
    ['the model fits the input', fitText(s)],
    ['input characters', s.chars],
    ['bits per record', Number(s.bitsPerRecord.toFixed(2))],
    ['bits per input character', Number(s.bitsPerChar.toFixed(4))],
    ['bits per learned skill', Number(s.bitsPerSkill.toFixed(2))],
  ];
  if (s.payloadBytes > 0 && s.layered) rows.push(['payload bytes: base layer (concepts) / refinement (words)', `${s.payloadBytes} / ${s.refinementBytes}`]);
  else if (s.payloadBytes > 0) rows.push(['skill-set payload bytes', s.payloadBytes]);
  if (s.context) {
    const c = s.context;
    rows.push(['skill-set bits: full context / recency cache only / no context', `${c.withContext} / ${c.withoutAssociations} / ${c.withoutContext}`]);
    rows.push(['saved by context', `${(100 * c.saved).toFixed(2)} %`]);
    rows.push(['saved by associations (of that)', `${(100 * c.savedByAssociations).toFixed(2)} %`]);
  }
  for (const [key, value] of Object.entries(s.frameFigures ?? {})) rows.push([`${key} (mean per frame)`, Number(value.toPrecision(6))]);
  for (const bad of s.badFrames) rows.push(['damaged', bad]);
  for (const repaired of s.repairedFrames) rows.push(['damaged, repaired', repaired.message]);
  const tables: Table[] = [{ title: `Stream ${file}`, columns: ['property', 'value'], rows }];
  if (s.members.length > 1) {
    const members = s.members.map((m, i) => [i + 1, m.modelId, m.version, m.mode, m.frames, m.records, m.complete ? 'yes' : 'no']);
    tables.push({ title: `Members (concatenated streams) of ${file}`, columns: ['member', 'model id', 'version', 'mode', 'frames', 'records', 'trailer'], rows: members });
  }
  printResult(s, tables, opts);
  if (s.damaged || !s.complete) process.exitCode = 1;
}
