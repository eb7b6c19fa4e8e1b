import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DEMO_PASSWORD, DESKTOP, login, openSession, PHONE, screenshotDir, shot, type Session } from './browser.ts';

export interface World {
  browser: Browser;
  baseURL: string;
  root: string;
}

let failures = 0;

async function withSession(w: World, fn: (s: Session) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  const s = await openSession(w.browser, w.baseURL, viewport);
  try {
    await fn(s);
    assert.deepEqual(s.errors, [], 'no script errors in the page');
  } catch (e) {
    failures += 1;
    await shot(s.page, w.root, `failed-${failures}`).catch(() => undefined);
    throw e;
  } finally {
    await s.context.close();
  }
}

/** (1) Admin searches the organisation without accents and opens Công an phường Bến Thành. */
export const searchOrganisation = (w: World) =>
  withSession(w, async ({ page }) => {
    await login(page, 'admin');
    await expect.visible(page.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await shot(page, w.root, '01-my-work');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ chức' }).click();
    await expect.visible(page.getByRole('heading', { name: 'Cơ cấu tổ chức' }));
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('ben thanh');
    const result = page.getByRole('button', { name: /^Công an phường Bến Thành/ });
    await result.click();
    const detail = page.getByRole('region', { name: 'Công an phường Bến Thành' });
    await expect.visible(detail.getByRole('heading', { name: 'Công an phường Bến Thành', level: 3 }));
    await expect.visible(detail.getByText('CAX-26743'));
    await expect.visible(detail.getByText('Phường Bến Thành (26743)'));
    await expect.visible(detail.getByRole('button', { name: 'Sửa' }));
    await shot(page, w.root, '02-organisation-ben-thanh');
    await page.setViewportSize(PHONE);
    await expect.visible(detail.getByRole('heading', { name: 'Công an phường Bến Thành', level: 3 }));
    await page.waitForTimeout(600); // let the navigation finish sliding away
    await shot(page, w.root, '03-organisation-phone');
  });

/** (2) Admin creates an account, then finds its user.created entry in the audit log. */
export const createUserThenAudit = (w: World) =>
  withSession(w, async ({ page }) => {
    const username = `e2e.${Date.now().toString(36)}`;
    await login(page, 'admin');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await expect.visible(page.getByRole('heading', { name: 'Tài khoản người dùng' }));
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo tài khoản mới' });
    await expect.visible(dialog);
    await dialog.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
    await dialog.getByRole('textbox', { name: 'Họ tên hiển thị' }).fill('Cán bộ Kiểm thử E2E');
    const unit = dialog.getByRole('textbox', { name: 'Đơn vị' });
    await unit.click();
    await unit.fill('ben thanh');
    await page.getByRole('option', { name: 'Công an phường Bến Thành' }).click();
    await dialog.getByRole('textbox', { name: 'Vai trò' }).click();
    await page.getByRole('option', { name: 'Cán bộ đơn vị' }).click();
    await page.keyboard.press('Tab'); // leave the field: its dropdown closes
    const communes = dialog.getByRole('textbox', { name: 'Địa bàn phụ trách' });
    await communes.click();
    await communes.fill('ben thanh');
    await page.getByRole('option', { name: 'Phường Bến Thành (26743)' }).click();
    await page.keyboard.press('Tab');
    await dialog.getByLabel('Mật khẩu ban đầu').fill('mat-khau-e2e-2026');
    await page.waitForTimeout(300);
    await shot(page, w.root, '04-user-create-form');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.hidden(dialog);
    await expect.visible(page.getByRole('cell', { name: username }));
    await shot(page, w.root, '05-users');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký' }).click();
    await expect.visible(page.getByRole('heading', { name: 'Nhật ký hoạt động' }));
    await page.getByRole('textbox', { name: 'Hành động (bắt đầu bằng)' }).fill('user.created');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/action=user\.created/);
    const firstRow = page.getByRole('row').nth(1);
    await expect.visible(firstRow.getByRole('cell', { name: 'user.created' }));
    await expect.visible(firstRow.getByRole('cell', { name: 'Quản trị hệ thống' }));
    await firstRow.getByRole('button', { name: /^Xem chi tiết bản ghi/ }).click();
    const detail = page.getByRole('dialog', { name: /^Bản ghi nhật ký số/ });
    await expect.visible(detail.getByText(`"username": "${username}"`));
    await page.waitForTimeout(400); // let the dialog finish fading in
    await shot(page, w.root, '06-audit-user-created');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn chuỗi nhật ký' }).click();
    await expect.visible(page.getByRole('status').filter({ hasText: 'Chuỗi nhật ký toàn vẹn' }));
    await shot(page, w.root, '07-audit-verified');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await shot(page, w.root, '07b-audit-phone');
  });

/** (3) A commune officer sees no Accounts or Audit entries, and the audit page says "not allowed". */
export const officerRestricted = (w: World) =>
  withSession(w, async ({ page }) => {
    await login(page, 'canbo.benthanh');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect.visible(nav.getByRole('link', { name: 'Tổ chức' }));
    assert.equal(await nav.getByRole('link', { name: 'Tài khoản' }).count(), 0, 'no Accounts entry');
    assert.equal(await nav.getByRole('link', { name: 'Nhật ký' }).count(), 0, 'no Audit entry');
    await expect.visible(page.getByRole('banner').getByText('Cán bộ Công an phường Bến Thành'));
    await page.goto('/audit');
    await expect.visible(page.getByRole('heading', { name: 'Không có quyền truy cập' }));
    await shot(page, w.root, '08-officer-audit-not-allowed');
    await page.goto('/users');
    await expect.visible(page.getByRole('heading', { name: 'Không có quyền truy cập' }));
  });

/** (4) Vietnamese by default; switch to English (remembered across a reload) and back. */
export const languageToggle = (w: World) =>
  withSession(
    w,
    async ({ page }) => {
      await page.goto('/login');
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      await expect.visible(page.getByRole('heading', { name: 'Đăng nhập' }));
      await login(page, 'lanhdao');
      await expect.visible(page.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
      await page.getByRole('button', { name: 'Switch the interface to English' }).click();
      await expect.visible(page.getByRole('heading', { name: 'My work', level: 2 }));
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await expect.visible(page.getByRole('heading', { name: 'My work', level: 2 }));
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect.visible(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisation' }));
      await shot(page, w.root, '09-phone-english-navigation');
      await page.getByRole('button', { name: 'Close navigation' }).click();
      await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
      await expect.visible(page.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      await shot(page, w.root, '10-phone-vietnamese');
    },
    PHONE,
  );

/** (5) A wrong password shows the translated error, in both languages. */
export const wrongPassword = (w: World) =>
  withSession(w, async ({ page }) => {
    await login(page, 'theodoi', `${DEMO_PASSWORD}-sai`);
    await expect.visible(page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }));
    assert.match(page.url(), /\/login/);
    await shot(page, w.root, '11-login-wrong-password');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await page.getByLabel('Password').fill('still-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.visible(page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }));
  });


/* ── (6) The coordination loop ──────────────────────────────────────────────────────────────── */

const FIXTURE = 'hoi-nghi-phoi-hop-antt-tphcm.txt';
/** Words of two agreed lines of work in the fixture (candidate conclusions of the importer). */
const ITEM_A = 'tuyên truyền, vận động cán bộ';
const ITEM_B = 'thường xuyên rà soát, đánh giá';

/** dd/mm/yyyy of today + `days` in Ho Chi Minh City. */
function hcmDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d).map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year}`;
}

/** A minimal PDF: the server decides the type by the first bytes. */
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A dd/mm/yyyy date field (Mantine DateInput): type, then leave the field. */
async function typeDate(page: Page, field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await page.keyboard.press('Tab');
  assert.equal(await field.inputValue(), value, 'the date field keeps dd/mm/yyyy');
}

/** Waits until a field's value matches (a picker fills in once its options have loaded). */
async function valueMatches(field: Locator, re: RegExp, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  let value = '';
  while (Date.now() < until) {
    value = await field.inputValue();
    if (re.test(value)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(value, re);
}

/** A unit search picker: type without accents, choose the option. */
async function pickUnit(page: Page, field: Locator, search: string, name: string): Promise<void> {
  await field.click();
  await field.fill(search);
  await page.getByRole('option', { name, exact: true }).click();
}

/** The conclusion of the conference page whose text contains `words`. */
const conclusion = (page: Page, words: string) => page.getByRole('listitem', { name: /^Kết luận \d+$/ }).filter({ hasText: words });

/** On a conference page: assign a task from the conclusion containing `item`, with a lead unit and one coordinating unit. */
async function assignFromItem(
  page: Page,
  o: { item: string; title: string; lead: [string, string]; coordinator: [string, string]; part: string; deadline: string },
): Promise<void> {
  await conclusion(page, o.item).getByRole('link', { name: /^Giao nhiệm vụ từ kết luận \d+$/ }).click();
  const form = page.getByRole('form', { name: 'Giao nhiệm vụ' });
  await expect.visible(form.getByRole('textbox', { name: 'Kết luận' }));
  assert.equal(await form.getByRole('radio', { name: 'Kết luận hội nghị' }).isChecked(), true, 'the source is the conclusion');
  await form.getByRole('textbox', { name: 'Tên nhiệm vụ' }).fill(o.title);
  await pickUnit(page, form.getByRole('textbox', { name: 'Đơn vị chủ trì' }), o.lead[0], o.lead[1]);
  await form.getByRole('button', { name: 'Thêm đơn vị phối hợp' }).click();
  await pickUnit(page, form.getByRole('textbox', { name: 'Đơn vị phối hợp 1', exact: true }), o.coordinator[0], o.coordinator[1]);
  await form.getByRole('textbox', { name: 'Phần việc của đơn vị phối hợp 1' }).fill(o.part);
  await typeDate(page, form.getByRole('textbox', { name: 'Hạn hoàn thành' }), o.deadline);
  await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await expect.visible(page.getByRole('heading', { name: o.title, level: 2 }));
}

/** On a task page, as the lead unit: a progress report (optionally with evidence of every kind, or asking for evaluation). */
async function reportProgress(page: Page, o: { percent: number; note: string; submit: boolean; evidence?: boolean; shotAs?: string; root: string }): Promise<void> {
  await page
    .getByRole('group', { name: 'Xử lý nhiệm vụ' })
    .getByRole('button', { name: o.submit ? 'Báo cáo hoàn thành, đề nghị đánh giá' : 'Báo cáo tiến độ' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect.visible(dialog.getByRole('textbox', { name: 'Nội dung báo cáo' }));
  await dialog.getByRole('textbox', { name: 'Tỷ lệ hoàn thành (%)' }).fill(String(o.percent));
  await dialog.getByRole('textbox', { name: 'Nội dung báo cáo' }).fill(o.note);
  if (o.evidence) {
    await dialog.getByRole('textbox', { name: 'Mô tả kết quả' }).fill('Đã tổ chức 3 buổi tuyên truyền tại 12 khu phố, 1.250 lượt người dự.');
    await dialog.getByRole('textbox', { name: 'Liên kết (http/https)' }).fill('https://example.gov.vn/ben-thanh/tuyen-truyen-phong-chong-toi-pham');
    await dialog.getByRole('textbox', { name: 'Số, ký hiệu văn bản' }).fill('125/KH-CAP');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'bien-ban-tuyen-truyen.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
    await expect.visible(dialog.getByText('Đã tải lên: bien-ban-tuyen-truyen.pdf'));
  }
  const ask = dialog.getByRole('checkbox', { name: /Đề nghị đơn vị giao đánh giá/ });
  assert.equal(await ask.isChecked(), o.submit, o.submit ? 'a completion report asks for evaluation' : 'a progress report does not');
  if (o.shotAs) {
    await page.waitForTimeout(400);
    await shot(page, o.root, o.shotAs);
  }
  await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect.hidden(dialog);
}

/** On a task page, as the assigner: accept, or return with a reason. */
async function evaluate(page: Page, o: { accept: boolean; reason: string; shotAs?: string; root: string }): Promise<void> {
  await page.getByRole('group', { name: 'Xử lý nhiệm vụ' }).getByRole('button', { name: 'Đánh giá' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đánh giá' });
  await expect.visible(dialog);
  await dialog.getByRole('radio', { name: o.accept ? 'Công nhận hoàn thành' : 'Trả lại, yêu cầu thực hiện tiếp' }).check();
  await dialog.getByRole('textbox', { name: 'Lý do, yêu cầu' }).fill(o.reason);
  if (o.shotAs) {
    await page.waitForTimeout(400);
    await shot(page, o.root, o.shotAs);
  }
  await dialog.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect.hidden(dialog);
}

const statusOf = (page: Page, text: string) => page.getByRole('main').getByText(text, { exact: true });

async function openFromMyWork(page: Page, section: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Việc của tôi' }).click();
  const queue = page.getByRole('region', { name: section });
  await queue.getByRole('link', { name: new RegExp(title) }).click();
  await expect.visible(page.getByRole('heading', { name: title, level: 2 }));
}

/**
 * (6) Import the fixture conference → review and confirm → tasks from two conclusions (one led by
 * Công an phường Bến Thành) and one from a clause of Nghị quyết 16-NQ/TW → the officer reports
 * with evidence and asks for evaluation → the assigner returns it → the officer reports again →
 * accepted: "Hoàn thành đúng hạn" → the document page shows the clause covered.
 */
export const coordinationLoop = (w: World) =>
  withSession(w, async ({ page }) => {
    const fixture = fs.readFileSync(path.resolve(w.root, '../shared/fixtures', FIXTURE), 'utf8');
    const deadline = hcmDate(30);
    const taskA = 'Tuyên truyền, vận động nhân dân tham gia phòng, chống tội phạm trên địa bàn phường Bến Thành';
    const taskB = 'Rà soát, đánh giá việc thực hiện chủ trương phát triển kinh tế - xã hội gắn với quốc phòng - an ninh';
    const taskC = 'Bảo đảm an ninh, trật tự trên địa bàn phường Bến Thành theo Nghị quyết 16-NQ/TW';

    // Admin (the assigner) lands on "Việc của tôi" and imports the news report.
    await login(page, 'admin');
    await expect.visible(page.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hội nghị' }).click();
    await page.getByRole('link', { name: 'Nhập từ văn bản' }).click();
    await page.getByRole('textbox', { name: 'Toàn văn tin bài, biên bản' }).fill(fixture);
    await page.getByRole('button', { name: 'Phân tích' }).click();
    await expect.visible(page.getByRole('heading', { name: 'Xem lại bản nháp hội nghị' }));

    // Review: the co-chairs, both parties matched to units, the documents linked to the registry.
    await expect.visible(page.getByRole('textbox', { name: 'Họ và tên' }).first());
    const chairNames = await page.getByRole('textbox', { name: 'Họ và tên' }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    assert.deepEqual(chairNames, ['Nguyễn Thiện Nhân', 'Tô Lâm']);
    await expect.visible(page.getByRole('radio', { name: 'Liên kết với 16-NQ/TW' }));
    await expect.visible(page.getByRole('radio', { name: 'Liên kết với 21-KL/TW' }));
    assert.ok((await page.getByRole('textbox', { name: /^Kết luận \d+/ }).count()) >= 2, 'candidate conclusions proposed');
    // Edit the draft: drop a sentence that is not a conclusion, set the date and the place.
    const items = await page.getByRole('textbox', { name: /^Kết luận \d+$/ }).evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    const noise = items.findIndex((v) => v.startsWith('mạnh dạn chỉ ra'));
    if (noise >= 0) {
      await page.getByRole('button', { name: `Bỏ kết luận ${noise + 1}`, exact: true }).click();
      assert.equal(await page.getByRole('textbox', { name: /^Kết luận \d+$/ }).count(), items.length - 1, 'one conclusion dropped');
    }
    await typeDate(page, page.getByRole('textbox', { name: 'Ngày họp' }), '06/01/2018');
    await page.getByRole('textbox', { name: 'Địa điểm' }).fill('Hội trường Thành ủy Thành phố Hồ Chí Minh');
    await shot(page, w.root, '12-conference-import-review');
    await page.getByRole('button', { name: 'Xác nhận, tạo hội nghị' }).click();

    // The conference page: co-chairs, documents, conclusions with their "assign a task" action.
    await expect.visible(page.getByRole('heading', { name: 'Tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự trên địa bàn Thành phố Hồ Chí Minh', level: 2 }));
    await expect.visible(page.getByRole('region', { name: 'Đồng chủ trì' }).getByText('Tô Lâm'));
    await expect.visible(page.getByRole('region', { name: 'Văn bản được nhắc đến' }).getByRole('link', { name: 'Nghị quyết 16-NQ/TW' }));
    const conferenceUrl = page.url();
    await shot(page, w.root, '13-conference');

    await assignFromItem(page, {
      item: ITEM_A,
      title: taskA,
      lead: ['ben thanh', 'Công an phường Bến Thành'],
      coordinator: ['sai gon', 'Công an phường Sài Gòn'],
      part: 'Phối hợp tổ chức tuyên truyền tại các khu phố giáp ranh',
      deadline,
    });
    await expect.visible(statusOf(page, 'Chưa thực hiện'));
    await expect.visible(page.getByRole('region', { name: 'Đơn vị phối hợp' }).getByText('Công an phường Sài Gòn'));
    const taskUrl = page.url();
    await shot(page, w.root, '14-task-assigned');
    await page.goto(conferenceUrl);
    await assignFromItem(page, {
      item: ITEM_B,
      title: taskB,
      lead: ['sai gon', 'Công an phường Sài Gòn'],
      coordinator: ['ben thanh', 'Công an phường Bến Thành'],
      part: 'Cung cấp số liệu trên địa bàn phường',
      deadline,
    });
    await page.goto(conferenceUrl);
    await expect.visible(conclusion(page, ITEM_A).getByRole('link', { name: new RegExp(taskA) }));

    // A task from a clause of a document the conference referred to (clause coverage): the first
    // clause without a task (they come first), else Khoản 2 (III.2) which the demo city covers.
    await page.getByRole('region', { name: 'Văn bản được nhắc đến' }).getByRole('link', { name: 'Nghị quyết 16-NQ/TW' }).click();
    const coverage = page.getByRole('region', { name: 'Mức độ bao phủ điều, khoản' });
    await expect.visible(coverage.getByRole('status'));
    const firstUncovered = coverage.getByRole('group').filter({ has: page.getByText('Chưa có nhiệm vụ', { exact: true }) });
    const clauseName = (await firstUncovered.count()) ? ((await firstUncovered.first().getAttribute('aria-label')) ?? '') : 'Khoản 2 (III.2)';
    const clause = coverage.getByRole('group', { name: clauseName, exact: true });
    const countOf = async (): Promise<number> => Number(/^(\d+) nhiệm vụ$/.exec((await clause.getByText(/^\d+ nhiệm vụ$/).textContent().catch(() => null)) ?? '')?.[1] ?? 0);
    const tasksBefore = (await clause.getByText('Chưa có nhiệm vụ', { exact: true }).count()) ? 0 : await countOf();
    await clause.getByRole('link', { name: /^Giao nhiệm vụ cho / }).click();
    const form = page.getByRole('form', { name: 'Giao nhiệm vụ' });
    await expect.visible(form.getByRole('textbox', { name: 'Điều, khoản' }));
    await valueMatches(form.getByRole('textbox', { name: 'Điều, khoản' }), new RegExp(`^\\s*${clauseName.replace(/ \(.*$/, '')} — `));
    await form.getByRole('textbox', { name: 'Tên nhiệm vụ' }).fill(taskC);
    await pickUnit(page, form.getByRole('textbox', { name: 'Đơn vị chủ trì' }), 'ben thanh', 'Công an phường Bến Thành');
    await typeDate(page, form.getByRole('textbox', { name: 'Hạn hoàn thành' }), deadline);
    await page.waitForTimeout(500); // let the calendar fade out
    await shot(page, w.root, '15-task-form-from-clause');
    await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await expect.visible(page.getByRole('heading', { name: taskC, level: 2 }));
    await expect.visible(page.getByRole('link', { name: /^16-NQ\/TW — / }));

    // The commune officer: the task is in "Việc cần làm"; a report with evidence, then completion.
    const officer = await openSession(w.browser, w.baseURL, DESKTOP);
    try {
      const op = officer.page;
      await login(op, 'canbo.benthanh');
      await expect.visible(op.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
      await expect.visible(op.getByRole('region', { name: 'Việc cần làm' }).getByRole('link', { name: new RegExp(taskA) }));
      await expect.visible(op.getByRole('region', { name: 'Yêu cầu phối hợp cần trả lời' }).getByRole('link', { name: new RegExp(taskB) }));
      await shot(op, w.root, '16-officer-my-work');
      await op.setViewportSize(PHONE);
      await op.waitForTimeout(400);
      await shot(op, w.root, '16b-officer-my-work-phone');
      await op.setViewportSize(DESKTOP);
      await openFromMyWork(op, 'Việc cần làm', taskA);
      await reportProgress(op, { percent: 60, note: 'Đã triển khai kế hoạch tuyên truyền tại 12/17 khu phố.', submit: false, evidence: true, shotAs: '17-officer-report-evidence', root: w.root });
      await expect.visible(op.getByRole('link', { name: 'bien-ban-tuyen-truyen.pdf' }));
      await expect.visible(op.getByText('125/KH-CAP'));
      await reportProgress(op, { percent: 100, note: 'Hoàn thành tuyên truyền tại 17/17 khu phố.', submit: true, root: w.root });
      await expect.visible(statusOf(op, 'Chờ đánh giá'));

      // The assigner returns it with a reason.
      await openFromMyWork(page, 'Cần đánh giá', taskA);
      await evaluate(page, { accept: false, reason: 'Bổ sung danh sách người tham dự và hình ảnh buổi tuyên truyền.', shotAs: '18-assigner-return', root: w.root });
      await expect.visible(statusOf(page, 'Bị trả lại'));
      await expect.visible(page.getByText('Bổ sung danh sách người tham dự và hình ảnh buổi tuyên truyền.'));

      // The officer reports again and asks for evaluation.
      await op.goto(taskUrl);
      await expect.visible(statusOf(op, 'Bị trả lại'));
      await reportProgress(op, { percent: 100, note: 'Đã bổ sung danh sách 1.250 người tham dự và hình ảnh.', submit: true, root: w.root });
      await expect.visible(statusOf(op, 'Chờ đánh giá'));
    } catch (e) {
      await shot(officer.page, w.root, 'failed-officer').catch(() => undefined);
      throw e;
    } finally {
      assert.deepEqual(officer.errors, [], 'no script errors in the officer page');
      await officer.context.close();
    }

    // Accepted: two keys turned, the task is complete on time.
    await page.goto(taskUrl);
    await evaluate(page, { accept: true, reason: 'Đạt yêu cầu.', root: w.root });
    await expect.visible(statusOf(page, 'Hoàn thành đúng hạn'));
    await expect.visible(page.getByRole('region', { name: 'Diễn biến' }).getByText('Công nhận hoàn thành'));
    await shot(page, w.root, '19-task-completed');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await shot(page, w.root, '20-task-completed-phone');
    await page.setViewportSize(DESKTOP);

    // The document page shows the clause covered, with the task and its status.
    await page.goto(conferenceUrl);
    await expect.visible(conclusion(page, ITEM_A).getByText('Hoàn thành đúng hạn'));
    await page.getByRole('region', { name: 'Văn bản được nhắc đến' }).getByRole('link', { name: 'Nghị quyết 16-NQ/TW' }).click();
    await expect.visible(clause.getByText(`${tasksBefore + 1} nhiệm vụ`, { exact: true }));
    await expect.visible(clause.getByRole('link', { name: new RegExp(taskC) }));
    assert.equal(await clause.getByText('Chưa có nhiệm vụ', { exact: true }).count(), 0, 'the clause is covered');
    await shot(page, w.root, '21-document-coverage');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await shot(page, w.root, '22-document-coverage-phone');

    // The task list finds the completed task without accents and filters by status.
    await page.setViewportSize(DESKTOP);
    await page.goto('/tasks?status=completed_on_time');
    await page.getByRole('searchbox', { name: 'Tìm nhiệm vụ' }).fill('chong toi pham tren dia ban phuong ben thanh');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.visible(page.getByRole('link', { name: taskA }));
    assert.equal(await page.getByRole('link', { name: taskB }).count(), 0, 'the other task is filtered out');
    await shot(page, w.root, '23-task-list-filtered');
  });

/**
 * (7) The assigner edits a task: a nearer deadline and one more coordinating unit, seen on the
 * task page and in its timeline; then relates a document to another one and removes the relation.
 */
export const editTaskAndRelateDocuments = (w: World) =>
  withSession(w, async ({ page, errors }) => {
    const title = `Kiểm tra an ninh, trật tự khu vực chợ Bến Thành dịp cuối năm (${Date.now().toString(36)})`;
    const firstDeadline = hcmDate(30);
    const newDeadline = hcmDate(20);

    await login(page, 'admin');
    await expect.visible(page.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await page.goto('/tasks/new');
    const form = page.getByRole('form', { name: 'Giao nhiệm vụ' });
    await form.getByRole('textbox', { name: 'Tên nhiệm vụ' }).fill(title);
    await pickUnit(page, form.getByRole('textbox', { name: 'Đơn vị chủ trì' }), 'ben thanh', 'Công an phường Bến Thành');
    await typeDate(page, form.getByRole('textbox', { name: 'Hạn hoàn thành' }), firstDeadline);
    await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await expect.visible(page.getByRole('heading', { name: title, level: 2 }));
    const details = page.getByRole('region', { name: 'Thông tin nhiệm vụ' });
    await expect.visible(details.getByText(firstDeadline, { exact: true }));
    await expect.visible(page.getByRole('region', { name: 'Đơn vị phối hợp' }).getByText('Không có đơn vị phối hợp.'));

    // Sửa nhiệm vụ: a nearer deadline and Công an phường Sài Gòn as a coordinating unit.
    await page.getByRole('group', { name: 'Xử lý nhiệm vụ' }).getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
    const dialog = page.getByRole('dialog', { name: /^Sửa nhiệm vụ NV-/ });
    await expect.visible(dialog.getByRole('textbox', { name: 'Tên nhiệm vụ' }));
    assert.equal(await dialog.getByRole('textbox', { name: 'Tên nhiệm vụ' }).inputValue(), title, 'the form starts from the task');
    await typeDate(page, dialog.getByRole('textbox', { name: 'Hạn hoàn thành' }), newDeadline);
    await dialog.getByRole('button', { name: 'Thêm đơn vị phối hợp' }).click();
    await pickUnit(page, dialog.getByRole('textbox', { name: 'Đơn vị phối hợp mới 1', exact: true }), 'sai gon', 'Công an phường Sài Gòn');
    await dialog.getByRole('textbox', { name: 'Phần việc của đơn vị phối hợp mới 1' }).fill('Bố trí lực lượng tuần tra các tuyến đường giáp ranh');
    await page.waitForTimeout(500); // let the calendar fade out
    await shot(page, w.root, '24-task-edit');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.hidden(dialog);

    // The task page and its timeline show both changes.
    await expect.visible(details.getByText(newDeadline, { exact: true }));
    assert.equal(await details.getByText(firstDeadline, { exact: true }).count(), 0, 'the old deadline is gone');
    const coordinators = page.getByRole('region', { name: 'Đơn vị phối hợp' });
    await expect.visible(coordinators.getByText('Công an phường Sài Gòn', { exact: true }));
    await expect.visible(coordinators.getByText('Bố trí lực lượng tuần tra các tuyến đường giáp ranh'));
    const timeline = page.getByRole('region', { name: 'Diễn biến' });
    await expect.visible(timeline.getByText('Cập nhật', { exact: true }));
    await expect.visible(timeline.getByText('Đề nghị phối hợp', { exact: true }));
    await expect.visible(timeline.getByText(/Công an phường Sài Gòn/));
    await shot(page, w.root, '25-task-edited');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await shot(page, w.root, '26-task-edited-phone');
    await page.getByRole('group', { name: 'Xử lý nhiệm vụ' }).getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
    await expect.visible(dialog.getByRole('textbox', { name: 'Tên nhiệm vụ' }));
    await page.waitForTimeout(400);
    await shot(page, w.root, '27-task-edit-phone');
    await dialog.getByRole('button', { name: 'Hủy', exact: true }).click();
    await expect.hidden(dialog);
    await page.setViewportSize(DESKTOP);

    // Nghị quyết 54/2017/QH14 implements Nghị quyết 16-NQ/TW: add the relation, then remove it.
    await page.goto(`/documents?q=${encodeURIComponent('54/2017/QH14')}`);
    await page.getByRole('link', { name: /54\/2017\/QH14$/ }).first().click();
    const relations = page.getByRole('region', { name: 'Văn bản liên quan' });
    const addForm = relations.getByRole('form', { name: 'Thêm văn bản liên quan' });
    await expect.visible(addForm);
    await addForm.getByRole('textbox', { name: 'Quan hệ' }).click();
    await page.getByRole('option', { name: 'Triển khai thực hiện', exact: true }).click();
    const picker = addForm.getByRole('textbox', { name: 'Văn bản liên quan' });
    await picker.click();
    await picker.fill('16-NQ/TW');
    await page.getByRole('option', { name: /^Nghị quyết 16-NQ\/TW — / }).click();
    await addForm.getByRole('button', { name: 'Thêm liên kết' }).click();
    const related = relations.getByRole('link', { name: 'Nghị quyết 16-NQ/TW', exact: true });
    await expect.visible(related);
    await expect.visible(relations.getByText('Triển khai thực hiện:'));
    await shot(page, w.root, '28-document-relation-added');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await shot(page, w.root, '29-document-relation-phone');
    await page.setViewportSize(DESKTOP);

    // The other document shows it the other way round.
    await related.click();
    await expect.visible(page.getByRole('region', { name: 'Văn bản liên quan' }).getByText('Được triển khai bởi:'));
    await page.goBack();
    await relations.getByRole('button', { name: 'Bỏ liên kết Triển khai thực hiện: Nghị quyết 16-NQ/TW' }).click();
    await expect.hidden(related);
    await expect.visible(relations.getByText('Chưa có văn bản liên quan.'));

    // The demo conference: a new place, a conclusion added and moved up; removing one with tasks is refused.
    await page.goto('/conferences');
    await page.getByRole('link', { name: 'Hội nghị tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự trên địa bàn Thành phố Hồ Chí Minh' }).first().click();
    await page.getByRole('button', { name: 'Sửa thông tin hội nghị' }).click();
    const confDialog = page.getByRole('dialog', { name: 'Sửa thông tin hội nghị' });
    await confDialog.getByRole('textbox', { name: 'Địa điểm' }).fill('Hội trường A, Công an Thành phố Hồ Chí Minh');
    await confDialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.hidden(confDialog);
    await expect.visible(page.getByText(/· Hội trường A, Công an Thành phố Hồ Chí Minh/));

    await page.getByRole('button', { name: 'Sửa kết luận' }).click();
    const itemsDialog = page.getByRole('dialog', { name: 'Sửa kết luận hội nghị' });
    await expect.visible(itemsDialog.getByRole('textbox', { name: 'Kết luận 1', exact: true }));
    const withTasks = itemsDialog.getByText(/^Kết luận \d+ đã có \d+ nhiệm vụ$/);
    if (await withTasks.count()) {
      const n = /^Kết luận (\d+)/.exec((await withTasks.first().textContent()) ?? '')?.[1];
      await itemsDialog.getByRole('button', { name: `Bỏ kết luận ${n}`, exact: true }).click();
      await itemsDialog.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.visible(itemsDialog.getByRole('alert').filter({ hasText: 'Không thể xóa kết luận đã có nhiệm vụ.' }));
      // The refusal is the expected 409 (Chromium logs it as a failed resource): not a page error.
      const refused = errors.findIndex((e) => e.includes('status of 409'));
      if (refused >= 0) errors.splice(refused, 1);
      await itemsDialog.getByRole('button', { name: 'Hủy', exact: true }).click();
      await expect.hidden(itemsDialog);
      await page.getByRole('button', { name: 'Sửa kết luận' }).click();
    }
    const count = await itemsDialog.getByRole('textbox', { name: /^Kết luận \d+$/ }).count();
    await itemsDialog.getByRole('button', { name: 'Thêm kết luận' }).click();
    const added = 'Tổng kết, rút kinh nghiệm công tác phối hợp sau 6 tháng thực hiện';
    await itemsDialog.getByRole('textbox', { name: `Kết luận ${count + 1}`, exact: true }).fill(added);
    await itemsDialog.getByRole('button', { name: `Đưa kết luận ${count + 1} lên`, exact: true }).click();
    assert.equal(await itemsDialog.getByRole('textbox', { name: `Kết luận ${count}`, exact: true }).inputValue(), added, 'the new conclusion moved up');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshotDir(w.root), '30-conference-items-edit.png') }); // the viewport: the page below lists hundreds of demo tasks
    await itemsDialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.hidden(itemsDialog);
    await expect.visible(page.getByRole('listitem', { name: `Kết luận ${count}`, exact: true }).getByText(added));
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(screenshotDir(w.root), '31-conference-edited-phone.png') });
  });
