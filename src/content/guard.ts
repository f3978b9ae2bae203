/**
 * A few typed checks in the spirit of zod, for the content script only: even zod/mini costs
 * ~8 KB gzipped of a 20 KB budget. Like zod's object(), objects come out with only the keys
 * of their shape (unknown keys stripped), built with fresh data properties.
 */
export const FAIL: unique symbol = Symbol('fail');
export type Check<T> = (v: unknown) => T | typeof FAIL;
export type Infer<C> = C extends Check<infer T> ? T : never;

export const str =
  (max: number, min = 0): Check<string> =>
  (v) =>
    typeof v === 'string' && v.length <= max && v.length >= min ? v : FAIL;

export const bool: Check<boolean> = (v) => (typeof v === 'boolean' ? v : FAIL);

/** A non-negative safe integer (zod's int().nonnegative()). */
export const int: Check<number> = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : FAIL);

export const oneOf =
  <const T extends string | boolean>(...values: readonly T[]): Check<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : FAIL;

export const unknown: Check<unknown> = (v) => v;

const OPTIONAL = Symbol('optional');
type Optional<T> = Check<T | undefined> & { [OPTIONAL]: true };
export function opt<T>(c: Check<T>): Optional<T> {
  const f = ((v: unknown) => (v === undefined ? undefined : c(v))) as Optional<T>;
  f[OPTIONAL] = true;
  return f;
}

export const arr =
  <T>(c: Check<T>, max = Infinity): Check<T[]> =>
  (v) => {
    if (!Array.isArray(v) || v.length > max) return FAIL;
    const out: T[] = [];
    for (const x of v) {
      const r = c(x);
      if (r === FAIL) return FAIL;
      out.push(r);
    }
    return out;
  };

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const rec =
  <T>(c: Check<T>): Check<Record<string, T>> =>
  (v) => {
    if (!isPlain(v)) return FAIL;
    const out: [string, T][] = [];
    for (const [k, x] of Object.entries(v)) {
      const r = c(x);
      if (r === FAIL) return FAIL;
      out.push([k, r]);
    }
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(out);
  };

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
type ObjOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};
type Flat<T> = { [K in keyof T]: T[K] };

export const obj =
  <S extends Shape>(shape: S): Check<Flat<ObjOf<S>>> =>
  (v) => {
    if (!isPlain(v)) return FAIL;
    const out: [string, unknown][] = [];
    for (const k of Object.keys(shape)) {
      const r = shape[k]!(v[k]);
      if (r === FAIL) return FAIL;
      if (r !== undefined) out.push([k, r]);
    }
    return Object.fromEntries(out) as Flat<ObjOf<S>>;
  };

/** The first option that accepts the value. */
export const either =
  <T extends readonly Check<unknown>[]>(...options: T): Check<Infer<T[number]>> =>
  (v) => {
    for (const c of options) {
      const r = c(v);
      if (r !== FAIL) return r as Infer<T[number]>;
    }
    return FAIL;
  };
