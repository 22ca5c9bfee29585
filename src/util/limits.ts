// The one set of size limits (DESIGN.md "Files": one set of limits protects against hostile sizes). The model
// validator checks every loaded model against them, the theory core's degree distributions and the corpus splitter
// obey the same numbers, so that nothing a model may hold is refused later by another layer, and a small hostile
// file cannot make any layer allocate without bound. Each limit says what its memory cost is.

export const LIMITS = {
  /** Skills in one model (keys, surface forms, tables: a few bytes each, bounded by the file's own size). */
  skills: 1 << 24,
  /** Code units of a skill key, a surface form, a name or a version. */
  stringLength: 512,
  /** Associates kept per coding symbol. */
  associates: 1024,
  /**
   * Largest degree of a degree distribution or of a stored degree histogram: both are expanded dense (8 bytes a
   * degree), so a distribution costs at most 8 MB however small the file or the spec that names it.
   */
  degree: 1_000_000,
  /** Points of an emergence sweep. */
  sweep: 1000,
  /** Rows of the learned-share-by-degree table of a model. */
  degreeClasses: 64,
  /** Entries of a model's feasibility compositions (distinct compositions, and their band entries). */
  compositions: 1 << 24,
  /** Bytes of one input line (a record, or the line a sentence or paragraph is cut from). */
  lineBytes: 1 << 26,
} as const;

export type LimitName = keyof typeof LIMITS;

/** How a value beyond a limit is named in messages: 'is 16777215, above the limit degree = 1000000'. */
export function beyondLimit(value: number, limit: LimitName): string {
  return `is ${value}, above the limit ${limit} = ${LIMITS[limit]}`;
}
