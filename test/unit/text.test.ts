import { describe, expect, it } from 'vitest';
import { compareVietnamese, escapeLike, foldForSearch, vietnameseSortKey } from '../../src/server/kernel/text.ts';

describe('foldForSearch', () => {
  it.each([
    ['Công an phường Bến Thành', 'cong an phuong ben thanh'],
    ['ĐẶC KHU CÔN ĐẢO', 'dac khu con dao'],
    ['Đồng Nai', 'dong nai'],
    ['  Sài   Gòn\t\n', 'sai gon'],
    ['Thủ Dầu Một', 'thu dau mot'],
    ['Ưu Ương Ơn Ăn Ân Ê', 'uu uong on an an e'],
    ['Hoà', 'hoa'],
    ['Hòa', 'hoa'],
    ['Phường 10', 'phuong 10'],
    ['Phòng PC02', 'phong pc02'],
    ['Trần Thị Ngọc Ánh', 'tran thi ngoc anh'],
    ['Quỳnh Lưu Mỹ Thuỷ', 'quynh luu my thuy'],
    ['', ''],
    // Legacy converters write Đ as U+00D0 (Ð, eth): it must still be found by "dinh".
    ['\u00d0inh Tiên Hoàng', 'dinh tien hoang'],
    ['\u00f0ường', 'duong'],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('folds NFC and NFD spellings to the same key', () => {
    for (const s of ['Bến Thành', 'Nguyễn Văn Đạt', 'Hội Liên hiệp Phụ nữ', 'Thạnh Mỹ Tây']) {
      expect(foldForSearch(s.normalize('NFD'))).toBe(foldForSearch(s.normalize('NFC')));
    }
  });

  it('every tone on every vowel folds to the bare vowel', () => {
    const vowels: [string, string][] = [
      ['aàảãáạ', 'a'], ['ăằẳẵắặ', 'a'], ['âầẩẫấậ', 'a'], ['eèẻẽéẹ', 'e'], ['êềểễếệ', 'e'], ['iìỉĩíị', 'i'],
      ['oòỏõóọ', 'o'], ['ôồổỗốộ', 'o'], ['ơờởỡớợ', 'o'], ['uùủũúụ', 'u'], ['ưừửữứự', 'u'], ['yỳỷỹýỵ', 'y'],
    ];
    for (const [all, bare] of vowels) for (const ch of all) {
      expect(foldForSearch(ch)).toBe(bare);
      expect(foldForSearch(ch.toUpperCase())).toBe(bare);
    }
  });
});

describe('escapeLike', () => {
  it.each([
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => expect(escapeLike(input)).toBe(expected));
});

/** A large table of Vietnamese names: real places and people, every tone on every vowel, case and digits. */
function vietnameseNames(): string[] {
  const real = [
    'An Giang', 'An', 'Anh', 'Ánh', 'Ảnh', 'Ăn', 'Ân', 'Ấn', 'Bà Rịa', 'Bảy Hiền', 'Bàu Bàng', 'Bến Cát', 'Bến Thành', 'Bình Thạnh', 'Bình Chánh',
    'Bình Dương', 'Bùi Quốc Bảo', 'Cà Mau', 'Cần Thơ', 'Cao Bằng', 'Cầu Ông Lãnh', 'Chánh Hiệp', 'Chợ Lớn', 'Côn Đảo', 'Củ Chi', 'Dầu Tiếng',
    'Dĩ An', 'Dương', 'Đà Nẵng', 'Đắk Lắk', 'Đất Đỏ', 'Điện Biên', 'Đỗ Ngọc Ánh', 'Đông Hoà', 'Đồng Nai', 'Đồng Tháp', 'Gia Định', 'Gia Lai',
    'Gò Vấp', 'Hà Nội', 'Hà Tĩnh', 'Hải Phòng', 'Hạnh Thông', 'Hiệp Bình', 'Hồ Chí Minh', 'Hồ Tràm', 'Hoà Hiệp', 'Hòa Hưng', 'Hoàng Gia Minh',
    'Huế', 'Hưng Yên', 'Huỳnh Thị Mai', 'Khánh Hoà', 'Lái Thiêu', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Lê Quang Hưng', 'Linh Xuân',
    'Long Bình', 'Long Điền', 'Long Hải', 'Lý Thanh Tâm', 'Minh Thạnh', 'Ngãi Giao', 'Nghệ An', 'Nghĩa Thành', 'Nguyễn Văn Đạt', 'Nhà Bè',
    'Ninh Bình', 'Phạm Thị Lan', 'Phan Văn Tú', 'Phú Lợi', 'Phú Thọ', 'Phú Mỹ', 'Phước Hải', 'Phường 1', 'Phường 2', 'Phường 10', 'Phường 11',
    'Phường 3', 'Phường', 'phường 1', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Rạch Dừa', 'Sài Gòn', 'Sơn La', 'Tam Thắng', 'Tân Bình',
    'Tân Định', 'Tân Sơn Nhất', 'Tây Ninh', 'Thạnh Mỹ Tây', 'Thái Nguyên', 'Thanh Hoá', 'Thủ Dầu Một', 'Thủ Đức', 'Thới An', 'Trần Minh Khôi',
    'Trừ Văn Thố', 'Trương Thị Hạnh', 'Tuyên Quang', 'Ủy ban', 'Uỷ ban', 'Ưu', 'Vĩnh Long', 'Võ Thành Nam', 'Vũng Tàu', 'Xuân Sơn', 'Xuyên Mộc',
    'Yên', 'Đinh', 'Dinh', 'dinh', 'DINH', 'Ơn', 'Ôn', 'On', 'Ồn', 'Ờn', 'Ê-đê', 'Ea Súp', 'Ea', 'E',
  ];
  const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const generated: string[] = [];
  for (const v of vowels) for (const t of tones) {
    const syl = (v + t).normalize('NFC');
    generated.push(`b${syl}n`, `${syl}`, `Đ${syl}`, `d${syl}`, `ng${syl}`, `T${syl}m ${syl}`);
  }
  return [...new Set([...real, ...generated].map((s) => s.normalize('NFC')))];
}

describe('vietnameseSortKey', () => {
  const names = vietnameseNames();
  const collator = new Intl.Collator('vi');

  it(`orders ${names.length} names exactly as Intl.Collator('vi')`, () => {
    const byCollator = [...names].sort(collator.compare);
    const byKey = [...names].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : vietnameseSortKey(a) > vietnameseSortKey(b) ? 1 : 0));
    expect(byKey).toEqual(byCollator);
  });

  it('agrees with the collator on every pair (sign of comparison)', () => {
    const bad: string[] = [];
    for (const a of names)
      for (const b of names) {
        const ka = vietnameseSortKey(a);
        const kb = vietnameseSortKey(b);
        const byKey = Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0);
        const byIntl = Math.sign(collator.compare(a, b));
        if (byKey !== byIntl) bad.push(`${a} vs ${b}: key ${byKey}, Intl ${byIntl}`);
      }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('keys are plain printable ASCII, so byte order (collate "C") is the order', () => {
    for (const n of names) expect(vietnameseSortKey(n)).toMatch(/^[\x20-\x7e]*$/);
  });

  it('NFC and NFD spellings give the same key', () => {
    for (const n of names) expect(vietnameseSortKey(n.normalize('NFD'))).toBe(vietnameseSortKey(n));
  });

  it('compareVietnamese is the vi collator', () => {
    expect(['Đà Nẵng', 'Dương', 'Ea'].sort(compareVietnamese)).toEqual(['Dương', 'Đà Nẵng', 'Ea']);
  });
});
