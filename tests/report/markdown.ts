/** Small Markdown helpers shared by the report sections. Pure, no I/O. */

/** Escapes what would break a table cell: pipes and line breaks. */
export function cell(value: string): string {
  return value.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A GitHub-flavoured Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const code = (value: string): string => `\`${value.replace(/`/g, "'")}\``;

/** `$12.34`; amounts under a cent keep three decimals so they do not read as free. */
export function usd(amount: number): string {
  if (amount !== 0 && Math.abs(amount) < 0.01) return `$${amount.toFixed(3)}`;
  return `$${amount.toFixed(2)}`;
}

/** A unit price as published: up to six significant decimals, no trailing zeros. */
export function unitUsd(amount: number): string {
  return `$${Number(amount.toPrecision(6)).toString()}`;
}

/** `54 s`, `2 min 39 s`, `10 min`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A number without float noise: 260.714, 0.5, 2. */
export function num(value: number, decimals = 3): string {
  return Number(value.toFixed(decimals)).toString();
}

/** A rendered value of unknown type: strings as they are, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}
