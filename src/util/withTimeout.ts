/** `p`, or a rejection with `why` after `ms`: a call to a worker that stopped answering never settles. */
export function withTimeout<T>(p: Promise<T>, ms: number, why = `no answer in ${ms} ms`): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(why)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
