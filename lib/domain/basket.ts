// How a basket line reads, everywhere: pages, emails, the sign sheet.

/** "Légumes — grand panier", or just "Pain" when the contract has one size. */
export function basketLabel(product: string, size: string): string {
  return size ? `${product} — ${size}` : product;
}

export type PricedLine = { quantity: number; unitPriceCents: number };

export function lineTotalCents(line: PricedLine): number {
  return line.quantity * line.unitPriceCents;
}

export function basketTotalCents(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
}
