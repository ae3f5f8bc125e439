/** Legal bases of clocks for people: the clock registry stores them in English ('Law 19/2023 Art. 57(5)'). */

/** 'Law 19/2023 Art. 57(5)' → 'Điều 57 khoản 5 Luật Bảo vệ quyền lợi người tiêu dùng 2023'; other texts unchanged. */
export function basisVi(b: string): string {
  if (b === '[CONFIG]') return 'Thời hạn do cơ quan quy định';
  const m = /^Law 19\/2023 Art\. (\d+)(?:\((\d+)\))?$/.exec(b);
  return m ? `Điều ${m[1]}${m[2] ? ` khoản ${m[2]}` : ''} Luật Bảo vệ quyền lợi người tiêu dùng 2023` : b;
}
