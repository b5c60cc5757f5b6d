/** One row of a bench's table: what, the figure as printed, the target ("" for none) and whether it is met. */
export type ResultRow = [measure: string, value: string, target: string, met: boolean];

/** Prints the rows as a Markdown table (Measure, Value, Target, Met), as docs/benchmarks.md quotes it. */
export function printResults(rows: ResultRow[]): void {
  const header = ["Measure", "Value", "Target"];
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  console.log(line(["Measure", "Value", "Target", "Met"]));
  console.log(line(widths.map((w) => "-".repeat(w)).concat("---")));
  for (const [measure, value, target, met] of rows)
    console.log(line([measure, value, target, target ? (met ? "yes" : "NO") : ""]));
}
