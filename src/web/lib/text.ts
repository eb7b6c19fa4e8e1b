/** Lower-case and strip Vietnamese diacritics, for client-side filtering ("ben thanh" ≈ "Bến Thành"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const collator = new Intl.Collator('vi');
export const compareVi = (a: string, b: string): number => collator.compare(a, b);
