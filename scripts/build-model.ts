// Builds the built-in default model into models/brown.skm (`npm run build:model`, run by `npm install`'s prepare).

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultModelPath, saveModel } from '../src/model/store.js';
import { trainDefaultModel } from '../src/model/default-model.js';

const model = await trainDefaultModel();
await mkdir(path.dirname(defaultModelPath()), { recursive: true });
await saveModel(model, defaultModelPath());
console.log(`built ${path.relative(process.cwd(), defaultModelPath())}, model id ${model.id}`);
