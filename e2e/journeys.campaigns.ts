import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DESKTOP, login, openSession, screenshotDir, shot, type Session } from './browser.ts';
import type { World } from './journeys.ts';

/**
 * (issue 6, first half) A Tết campaign, end to end, with the demo accounts:
 * - thammuu (staff officer of the city police) creates this winter's campaign FROM the Tết template
 *   (pre-filled from last season: units, indicators, targets; the dates are set to start two days
 *   ago) and starts it;
 * - canbo.benthanh and canbo.saigon report their results for today; a negative figure is refused
 *   with the reason and nothing is lost;
 * - the staff officer sees the roll-up against the targets and last season, the ranking basis
 *   stated, closes the campaign with a summary and downloads its closing report (DOCX).
 */
const VN = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
const daysFromNow = (n: number) => VN(new Date(Date.now() + n * 86_400_000));

async function withSession(w: World, name: string, fn: (s: Session) => Promise<void>): Promise<void> {
  const s = await openSession(w.browser, w.baseURL, DESKTOP);
  try {
    await fn(s);
    assert.deepEqual(
      s.errors.filter((e) => !/status of 422/.test(e)),
      [],
      `no script errors in ${name}’s pages`,
    );
  } catch (e) {
    await shot(s.page, w.root, `campaigns-failed-${name}`).catch(() => undefined);
    throw e;
  } finally {
    await s.context.close();
  }
}

async function setDate(page: Page, label: string, value: string, scope = page.getByRole('dialog')): Promise<void> {
  const field = scope.getByRole('textbox', { name: label, exact: true });
  await field.fill(value);
  await field.press('Tab'); // the date is parsed on blur; Escape would close the dialog
  void page;
}

async function report(page: Page, values: Record<string, string>): Promise<void> {
  const form = page.getByRole('form', { name: 'Báo cáo kết quả' });
  for (const [label, v] of Object.entries(values)) await form.getByRole('textbox', { name: new RegExp(`^${label} \\(`) }).fill(v);
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
}

export const campaignJourney = async (w: World): Promise<void> => {
  const stamp = Date.now().toString(36);
  const name = `Cao điểm Tết Nguyên đán kiểm thử ${stamp}`;
  let url = '';

  // ── The city creates the campaign from the Tết template and starts it ─────────────────────
  await withSession(w, 'thammuu', async ({ page }) => {
    await login(page, 'thammuu');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đợt cao điểm' }).click();
    await expect.visible(page.getByRole('heading', { name: 'Đợt cao điểm', level: 2 }));
    await page.getByRole('textbox', { name: 'Mẫu đợt cao điểm' }).click();
    await page.getByRole('option', { name: /Tết Nguyên đán/ }).click();
    await page.getByRole('button', { name: 'Tạo từ mẫu' }).click();
    const dialog = page.getByRole('dialog');
    await expect.visible(dialog.getByText(/Điền sẵn từ đợt trước/));
    await shot(page, w.root, 'campaigns-01-prefilled-from-template');
    await dialog.getByRole('textbox', { name: 'Tên đợt' }).fill(name);
    await setDate(page, 'Từ ngày', daysFromNow(-2));
    await setDate(page, 'Đến ngày', daysFromNow(60));
    await dialog.getByRole('button', { name: 'Tạo đợt cao điểm' }).click();
    await expect.visible(page.getByRole('heading', { name, level: 2 }));
    await page.getByRole('button', { name: 'Triển khai' }).click();
    await expect.visible(page.getByText('Đang triển khai'));
    url = new URL(page.url()).pathname;
    assert.match(url, /^\/campaigns\/[0-9a-f-]{36}$/);
    await shot(page, w.root, 'campaigns-02-started');
  });

  // ── Two wards report their results for today ───────────────────────────────────────────────
  for (const [user, values] of [
    ['canbo.benthanh', { 'Số vụ phát hiện': '3', 'Số vụ điều tra khám phá, triệt phá': '2', 'Đối tượng bắt giữ': '4' }],
    ['canbo.saigon', { 'Số vụ phát hiện': '5', 'Số vụ điều tra khám phá, triệt phá': '4', 'Đối tượng bắt giữ': '6' }],
  ] as const) {
    await withSession(w, user, async ({ page }) => {
      await login(page, user);
      await expect.visible(page.getByRole('navigation', { name: 'Điều hướng chính' }));
      await page.goto(url);
      await expect.visible(page.getByRole('heading', { name, level: 2 }));
      if (user === 'canbo.benthanh') {
        // A negative count is refused with the reason; what was typed stays.
        await report(page, { 'Đối tượng bắt giữ': '-4' });
        await expect.visible(page.getByRole('alert').getByText('Số liệu không được âm.'));
        await shot(page, w.root, 'campaigns-03-negative-refused');
      }
      await report(page, values);
      await expect.visible(page.getByRole('status').getByText('Đã ghi nhận báo cáo kết quả.'));
      await shot(page, w.root, `campaigns-04-reported-${user}`);
    });
  }

  // ── The city sees the roll-up against targets and last season, then closes ─────────────────
  await withSession(w, 'thammuu-close', async ({ page }) => {
    await login(page, 'thammuu');
    await expect.visible(page.getByRole('navigation', { name: 'Điều hướng chính' }));
    await page.goto(url);
    const table = page.getByRole('table', { name: 'Chỉ tiêu theo dõi' });
    const row = table.getByRole('row', { name: /Số vụ điều tra khám phá, triệt phá/ });
    await expect.visible(row.getByRole('cell', { name: '6', exact: true }));
    await expect.visible(table.getByRole('row', { name: /Số vụ phát hiện/ }).getByRole('cell', { name: '8', exact: true }));
    await expect.visible(page.getByText(/So sánh cùng kỳ: .*Tết Nguyên đán/));
    await expect.visible(page.getByText(/Không xếp hạng theo dân số/));
    await shot(page, w.root, 'campaigns-05-rollup-city');
    await page.getByRole('button', { name: 'Kết thúc đợt' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Tóm tắt kết quả' }).fill('Các phường hoàn thành chỉ tiêu đợt cao điểm; giữ vững an ninh, trật tự dịp Tết.');
    await page.getByRole('dialog').getByRole('button', { name: 'Kết thúc đợt' }).click();
    await expect.visible(page.getByText('Đã kết thúc'));
    await expect.visible(page.getByText(/Các phường hoàn thành chỉ tiêu/));
    await shot(page, w.root, 'campaigns-06-closed');

    // The closing report (Nghị định 30/2020 format) from the roll-up, downloaded and opened.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Tải báo cáo (DOCX)' }).click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const file = path.join(screenshotDir(w.root), 'campaign-report.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const text = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
    assert.match(text, /BÁO CÁO/, 'the document says BÁO CÁO');
    assert.match(text, /Kết quả đợt cao điểm/, 'its subject names the campaign');
    assert.match(text, /Các phường hoàn thành chỉ tiêu/, 'it carries the closing summary');
  });
};
