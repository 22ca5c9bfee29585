// `skillzip merge SHARD... -o MODEL`: the model of a corpus trained in parts (`train --shard-out`, one shard per part,
// on as many machines as wanted): exactly the model, same id, that training on all the parts in the order given makes
// (src/model/shard.ts). Shards of different extraction settings are refused, naming the shard and the setting. The
// learning flags and the report are train's (cli/commands/train.ts).

import type { Argv } from 'yargs';
import { loadShard, sharedExtractor, trainFromParts } from '../../src/model/index.js';
import { outputOption } from '../output-file.js';
import type { CommandBody } from '../lazy-commands.js';
import { learnOptions, withLearnOptions, writeAndReport, type LearnArgs } from './train.js';

interface MergeArgs extends LearnArgs {
  shards: string[];
  output: string;
}

export const merge: CommandBody<MergeArgs> = {
  builder: (y: Argv) =>
    withLearnOptions(y, true)
      .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'Shard files (.sks), in corpus order' })
      .example('$0 merge part1.sks part2.sks part3.sks -o corpus.skm', 'the model of the three parts, in that order') as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    const output = await outputOption(args);
    const options = learnOptions(args);
    // one shard in memory at a time besides what was merged; each checked against the first's settings
    const first = await loadShard(args.shards[0]);
    async function* parts() {
      yield first.part;
      for (const file of args.shards.slice(1)) {
        const shard = await loadShard(file);
        sharedExtractor([first, shard], [args.shards[0], file]);
        yield shard.part;
      }
    }
    const model = await trainFromParts(parts(), first.extractor, { ...options, name: args.shards.join(', ') });
    await writeAndReport(model, output, args);
  },
};
