// The error a call throws, for tests that check more than its type (its code, its parameters, its CLI message).

export function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}
