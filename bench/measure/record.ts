/** Prints a table and hands it to `npm run bench` (which collects the tables of every file). */
export function record(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  console.table(rows);
  console.log(`BENCH-JSON ${JSON.stringify({ title, rows })}`);
}
