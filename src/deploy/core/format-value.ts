/**
 * A metric's value as a person reads it in one line: three significant digits, no trailing zeros,
 * no exponent for everyday sizes (0.0833, 12.5, 1520, 0.000012); Prometheus's words for the rest.
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1000 && magnitude < 1e15) return String(Math.round(value));
  if (magnitude >= 1e-6 && magnitude < 1000) return String(Number(value.toPrecision(3)));
  return value.toPrecision(3).replace(/\.?0+e/, "e");
}
