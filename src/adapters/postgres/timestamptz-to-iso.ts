import pg from "pg";

const parseWithOffset = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/**
 * A `timestamptz` as PostgreSQL prints it (2026-03-02 10:15:00.12+00) to JavaScript's ISO text
 * (2026-03-02T10:15:00.120Z). A time printed in UTC (the server's default zone, and the one
 * shipready's databases are made with) is rearranged as text: a year of an organisation's deploys
 * has hundreds of thousands of times, and making each a Date and printing it again took longer than
 * reading the rows. Any other zone goes through pg's own parser.
 */
export function timestamptzToIso(text: string): string {
  if (text.length >= 22 && text.endsWith("+00") && text[10] === " " && text[4] === "-") {
    const fraction = text.length > 22 ? text.slice(20, -3) : "";
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${(fraction + "000").slice(0, 3)}Z`;
  }
  return parseWithOffset(text).toISOString();
}
