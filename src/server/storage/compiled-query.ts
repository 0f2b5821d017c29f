import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

/** Where a parameter of the compiled SQL comes from: a named input, or a constant of the query. */
type ParameterSource = { readonly name: string } | { readonly constant: unknown };

interface Template {
  readonly sql: string;
  readonly query: CompiledQuery['query'];
  readonly sources: readonly ParameterSource[];
}

const MARKER_PREFIX = '\u0000compiled-query-parameter:';

/** A Kysely query built and compiled once per dialect, then run with new parameter values. */
export interface CompiledOnce<Params extends Record<string, unknown>, Row> {
  /** All result rows (the RETURNING rows for writes). */
  execute(db: Db, params: Params): Promise<Row[]>;
  /** The first result row, or undefined. */
  takeFirst(db: Db, params: Params): Promise<Row | undefined>;
}

/**
 * Builds a hot query once per dialect instead of on every request: Kysely's builder and compiler
 * cost more CPU than running a small indexed statement. `build` gets stand-ins for the parameter
 * values and must pass each one as a plain value (compared with =, inserted, set); it must not
 * branch on them. The SQL text is then reused with the real values, through the same executor
 * (a transaction's connection when db is one).
 */
export function compileOnce<Params extends Record<string, unknown>, Row>(
  names: readonly (keyof Params & string)[],
  build: (db: Db, params: Params) => Compilable<Row>,
): CompiledOnce<Params, Row> {
  const templates = new Map<unknown, Template>();
  const templateFor = (db: Db): Template => {
    const dialect = db.getExecutor().adapter.constructor;
    const cached = templates.get(dialect);
    if (cached) return cached;
    const markers = Object.fromEntries(names.map((name) => [name, `${MARKER_PREFIX}${name}`]));
    const compiled = build(db, markers as unknown as Params).compile();
    const sources = compiled.parameters.map((value): ParameterSource => {
      if (typeof value === 'string' && value.startsWith(MARKER_PREFIX))
        return { name: value.slice(MARKER_PREFIX.length) };
      return { constant: value };
    });
    const missing = names.filter((name) => !sources.some((s) => 'name' in s && s.name === name));
    if (missing.length > 0 || compiled.sql.includes(MARKER_PREFIX)) {
      throw new Error(
        `compileOnce: parameter(s) ${missing.join(', ') || '(inlined)'} did not become bound parameters in: ${compiled.sql}`,
      );
    }
    const template: Template = { sql: compiled.sql, query: compiled.query, sources };
    templates.set(dialect, template);
    return template;
  };
  const execute = async (db: Db, params: Params): Promise<Row[]> => {
    const template = templateFor(db);
    const parameters = template.sources.map((source) =>
      'name' in source ? params[source.name] : source.constant,
    );
    const compiled: CompiledQuery<Row> = {
      query: template.query,
      queryId: { queryId: '' },
      sql: template.sql,
      parameters,
    };
    return (await db.executeQuery(compiled)).rows;
  };
  return {
    execute,
    async takeFirst(db, params) {
      return (await execute(db, params))[0];
    },
  };
}
