/**
 * Generated, plausible demo data: the units the dispatch addresses and the people they report, with
 * the mistakes people really make (two-digit years, birth dates, stray spaces, repeats). Seeded, so a
 * demo or a benchmark is the same every time.
 */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoUnit {
  code: string;
  name: string;
  type: string;
  target: number;
  emails: string;
  manager: string;
  phone: string;
}

const FIXED_UNITS: [string, string, string, number][] = [
  ['DU', 'Đảng ủy phường', 'Đảng ủy', 40],
  ['HDND', 'Thường trực HĐND phường', 'HĐND', 15],
  ['VP', 'Văn phòng HĐND và UBND phường', 'UBND', 30],
  ['MTTQ', 'Ủy ban MTTQ Việt Nam phường', 'Mặt trận và đoàn thể', 25],
  ['HPN', 'Hội Liên hiệp Phụ nữ phường', 'Mặt trận và đoàn thể', 120],
  ['DTN', 'Đoàn Thanh niên phường', 'Mặt trận và đoàn thể', 80],
  ['HCCB', 'Hội Cựu chiến binh phường', 'Mặt trận và đoàn thể', 60],
  ['P-VHXH', 'Phòng Văn hóa - Xã hội', 'Phòng/ban', 12],
  ['P-KT', 'Phòng Kinh tế, Hạ tầng và Đô thị', 'Phòng/ban', 14],
  ['TT-DVSNC', 'Trung tâm Dịch vụ sự nghiệp công', 'Trung tâm', 20],
  ['TT-PVHCC', 'Trung tâm Phục vụ hành chính công', 'Trung tâm', 150],
  ['MN-HD', 'Trường Mầm non Hải Dương', 'Trường học', 90],
  ['TH-NT', 'Trường Tiểu học Ngô Thì Nhậm', 'Trường học', 160],
  ['THCS-LTV', 'Trường THCS Lê Thánh Tông', 'Trường học', 180],
  ['CA', 'Công an phường', 'Công an', 70],
  ['QS', 'Ban chỉ huy Quân sự phường', 'Quân sự', 30],
  ['YT', 'Trạm Y tế phường', 'Y tế', 200],
];

/** The dispatch's addressees, then `groups` residential groups (Tổ dân phố). */
export function demoUnits(groups: number, random = seededRandom(7)): DemoUnit[] {
  const units: DemoUnit[] = FIXED_UNITS.map(([code, name, type, target], i) => ({
    code,
    name,
    type,
    target,
    emails: `${code.toLowerCase()}@haiduong.example`,
    manager: personName(random),
    phone: `09${String(10000000 + i * 7919).slice(0, 8)}`,
  }));
  for (let n = 1; n <= groups; n++) {
    const code = `TDP${String(n).padStart(2, '0')}`;
    units.push({
      code,
      name: `Tổ dân phố số ${n}`,
      type: 'Tổ dân phố',
      target: 40 + Math.floor(random() * 80),
      // One group has nobody assigned yet: the set-up report points it out.
      emails: n === groups ? '' : `${code.toLowerCase()}@haiduong.example`,
      manager: personName(random),
      phone: `08${String(20000000 + n * 104729).slice(0, 8)}`,
    });
  }
  return units;
}

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Ngô',
  'Dương',
  'Lý',
  'Phan',
  'Đinh',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân', 'Hồng', 'Gia'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiền',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Ngọc',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thủy',
  'Trang',
  'Tuấn',
  'Vân',
  'Yến',
];
const STREETS = [
  'Trần Hưng Đạo',
  'Nguyễn Du',
  'Lê Lợi',
  'Quang Trung',
  'Bạch Đằng',
  'Chương Dương',
  'Hồng Quang',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

export function personName(random: () => number): string {
  return `${pick(random, SURNAMES)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`;
}

/** One row as a unit's staff member types it: Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú. */
export type TypedRow = [string, string | number, string, string, string];

export interface DemoRowsOptions {
  rows: number;
  groups: number;
  currentYear: number;
  random: () => number;
  /** People already listed elsewhere, some of whom this unit lists again. */
  shared: TypedRow[];
}

/** Rows for one unit, with about 5% of the mistakes and repeats seen in real reports. */
export function demoRows(unit: DemoUnit, options: DemoRowsOptions): TypedRow[] {
  const { random, currentYear } = options;
  const rows: TypedRow[] = [];
  for (let i = 0; i < options.rows; i++) {
    const roll = random();
    if (roll < 0.02 && options.shared.length > 0) {
      rows.push([...pick(random, options.shared)]);
      continue;
    }
    const group = 1 + Math.floor(random() * options.groups);
    const residence =
      random() < 0.5
        ? `Tổ dân phố số ${group}, phường Hải Dương`
        : `Số ${1 + Math.floor(random() * 200)} ${pick(random, STREETS)}, TDP ${group}`;
    let name = personName(random);
    let year: string | number = currentYear - 18 - Math.floor(random() * 60);
    const organisation = unit.type === 'Tổ dân phố' ? '' : unit.name;
    if (roll < 0.03)
      year = String(year).slice(2); // a two-digit year
    else if (roll < 0.04)
      year = `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/0${1 + Math.floor(random() * 9)}/${year}`;
    else if (roll < 0.045) name = `  ${name.toLocaleLowerCase('vi')}  `;
    else if (roll < 0.05) year = '';
    else if (roll < 0.055) year = currentYear - 10; // a child: counted, with a warning
    const row: TypedRow = [name, year, organisation, residence, ''];
    rows.push(row);
    if (random() < 0.05) options.shared.push(row);
  }
  return rows;
}
