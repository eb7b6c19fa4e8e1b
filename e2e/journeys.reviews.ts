import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DESKTOP, login, openSession, screenshotDir, shot } from './browser.ts';
import type { World } from './journeys.ts';

/**
 * (Issue 5) A quarterly review (sơ kết) in a real Chromium, with the demo accounts and nothing set
 * up through the API:
 * - thammuu (staff officer of the city police; leaders and staff officers may open a cycle for a
 *   scope they answer for) opens a review of Công an Thành phố for the LAST quarter (so there are
 *   records) over the demo programme: Nghị quyết 16-NQ/TW and the founding conference;
 * - the scorecards are compiled: a non-zero figure of the total row opens the records behind it;
 * - two limitations are recorded as corrective actions, each with an owner unit and a deadline;
 * - the báo cáo sơ kết is generated in the background (a report run) and downloaded (artifacts/e2e/review-report.docx): a ZIP whose
 *   word/document.xml says "BÁO CÁO" and carries the limitations;
 * - the review of the CURRENT quarter (the one after) shows both actions, still open, under
 *   "carried forward" with what was said last time, and records none of its own
 *   (`isCarriedForward`: recorded at a review whose period ends earlier, owner in scope, not closed).
 * Screenshots: artifacts/e2e/reviews-NN-*.png.
 */

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Waits until no CSS transition or animation is running (a drawer sliding in). */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

/**
 * The review page of a city-wide scope is very tall (a scorecard row per ward): the viewport, with
 * `at` scrolled into view, shows a step better than the full page.
 */
async function shotAt(page: Page, root: string, name: string, at: Locator): Promise<void> {
  await at.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir(root), `${name}.png`) });
}
const SCOPE = 'Công an Thành phố Hồ Chí Minh';
const DOCUMENT = '16-NQ/TW';
const CONFERENCE = 'Hội nghị tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự trên địa bàn Thành phố Hồ Chí Minh';

interface Quarter {
  year: number;
  index: number;
}

/** Today in Ho Chi Minh City as [year, month, day]. */
function hcmToday(offsetDays = 0): [number, number, number] {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })
      .formatToParts(new Date(Date.now() + offsetDays * 86_400_000))
      .map((x) => [x.type, x.value]),
  );
  return [Number(p.year), Number(p.month), Number(p.day)];
}

const hcmDate = (offsetDays: number): string => {
  const [y, m, d] = hcmToday(offsetDays);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
};

/** The quarter before the current one, and the current one: both have records, neither is in the future. */
function quarters(): [Quarter, Quarter] {
  const [y, m] = hcmToday();
  const current = { year: y, index: Math.ceil(m / 3) };
  const last = current.index === 1 ? { year: y - 1, index: 4 } : { year: y, index: current.index - 1 };
  return [last, current];
}

const quarterLabel = (q: Quarter) => `quý ${ROMAN[q.index - 1]}/${q.year}`;

/** A Mantine Select (or picker) by its label: open it, optionally type a search, click the option. */
async function choose(page: Page, within: Locator, label: string, option: string, search?: string): Promise<void> {
  const field = within.getByRole('textbox', { name: label, exact: true });
  await field.click();
  if (search !== undefined) await field.fill(search);
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

/** /reviews → "Mở đợt…" → title, scope, programme, quarter → the cycle's page. Returns its URL. */
async function openCycle(page: Page, root: string, title: string, q: Quarter, screenshot?: string): Promise<string> {
  await page.goto('/reviews');
  await expect.visible(page.getByRole('heading', { name: 'Sơ kết, tổng kết' }));
  await page.getByRole('button', { name: 'Mở đợt sơ kết, tổng kết' }).click();
  const main = page.getByRole('main');
  const titleField = main.getByRole('textbox', { name: 'Tên đợt', exact: true });
  await expect.visible(titleField);
  await titleField.fill(title);
  await choose(page, main, 'Đơn vị được sơ kết, tổng kết (phạm vi)', SCOPE, 'cong an thanh pho');
  // The programme: a document of the demo city and its founding conference.
  const docs = main.getByRole('textbox', { name: 'Văn bản của chương trình', exact: true });
  await docs.click();
  await docs.fill(DOCUMENT);
  // (21-KL/TW mentions 16-NQ/TW in its summary: the option must start with the resolution's title.)
  await page.getByRole('option', { name: new RegExp(`^Nghị quyết ${DOCUMENT.replace('/', '\\/')} — `) }).click();
  await expect.visible(main.getByText(`Nghị quyết ${DOCUMENT} — `, { exact: false }));
  await choose(page, main, 'Hội nghị của chương trình', CONFERENCE);
  await page.keyboard.press('Escape'); // close the multi-select's dropdown
  // The period: a quarter (the default kind), its year and number.
  assert.equal(await main.getByRole('textbox', { name: 'Loại kỳ', exact: true }).inputValue(), 'Quý');
  await choose(page, main, 'Năm', String(q.year));
  await choose(page, main, 'Kỳ', `Quý ${ROMAN[q.index - 1]}`);
  if (screenshot) await shot(page, root, screenshot);
  await main.getByRole('button', { name: 'Mở đợt', exact: true }).click();
  await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  await expect.visible(page.getByRole('heading', { name: title, level: 2 }));
  await expect.visible(page.getByText(`Kỳ: ${quarterLabel(q)}`, { exact: false }));
  await expect.visible(page.getByText(`Phạm vi: ${SCOPE}`, { exact: false }));
  await expect.visible(page.getByRole('link', { name: DOCUMENT }));
  await expect.visible(page.getByRole('link', { name: CONFERENCE }));
  return page.url();
}

/** The cards between two headings of the corrective actions (a section has no element of its own). */
const between = (page: Page, from: string, to: string): Locator =>
  page.locator(`xpath=//h4[normalize-space()="${from}"]/following-sibling::*[following-sibling::h4[normalize-space()="${to}"]]`);

interface Limitation {
  text: string;
  measure: string;
  owner: string;
  ownerSearch: string;
  deadline: string;
}

async function recordLimitation(page: Page, l: Limitation): Promise<void> {
  const main = page.getByRole('main');
  const form = main.locator('div').filter({ has: page.getByText('Ghi nhận hạn chế, vướng mắc', { exact: true }) }).filter({ has: page.getByRole('button', { name: 'Ghi nhận', exact: true }) }).last();
  assert.equal(await form.getByRole('textbox', { name: 'Loại', exact: true }).inputValue(), 'Hạn chế', 'a limitation (hạn chế) by default');
  await form.getByRole('textbox', { name: 'Hạn chế, vướng mắc', exact: true }).fill(l.text);
  await form.getByRole('textbox', { name: 'Biện pháp khắc phục', exact: true }).fill(l.measure);
  await choose(page, form, 'Đơn vị thực hiện', l.owner, l.ownerSearch);
  const deadline = form.getByRole('textbox', { name: 'Thời hạn', exact: true });
  await deadline.click();
  await deadline.fill(l.deadline);
  await page.keyboard.press('Tab');
  assert.equal(await deadline.inputValue(), l.deadline, 'the deadline keeps dd/mm/yyyy');
  await form.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  // Recorded at this review: the card shows the wording, owner and deadline; the form is emptied.
  await expect.visible(main.getByText(l.text, { exact: true }));
  await expect.visible(main.getByText(`Đơn vị thực hiện: ${l.owner} · Thời hạn: ${l.deadline}`, { exact: false }));
  await expect.visible(form.locator('button:disabled', { hasText: 'Ghi nhận' })); // emptied: nothing to record
  assert.equal(await form.getByRole('textbox', { name: 'Hạn chế, vướng mắc', exact: true }).inputValue(), '', 'the form is emptied');
}

export const reviewJourney = async (w: World): Promise<void> => {
  const s = await openSession(w.browser, w.baseURL, DESKTOP);
  const page = s.page;
  const [first, next] = quarters();
  const tag = Date.now().toString(36).slice(-5);
  const title1 = `Sơ kết công tác phối hợp của Công an Thành phố ${quarterLabel(first)} (e2e ${tag})`;
  const title2 = `Sơ kết công tác phối hợp của Công an Thành phố ${quarterLabel(next)} (e2e ${tag})`;
  const limitations: Limitation[] = [
    {
      text: `Công an phường Bến Thành trả lời yêu cầu phối hợp còn chậm, nhiều yêu cầu quá 5 ngày (e2e ${tag}).`,
      measure: 'Phân công cán bộ đầu mối theo dõi yêu cầu phối hợp, trả lời trong 03 ngày làm việc.',
      owner: 'Công an phường Bến Thành',
      ownerSearch: 'ben thanh',
      deadline: hcmDate(45),
    },
    {
      text: `Tỷ lệ nguồn tin về tội phạm giải quyết đúng hạn của Phòng Cảnh sát hình sự chưa đạt yêu cầu (e2e ${tag}).`,
      measure: 'Rà soát nguồn tin tồn đọng, kiểm tra việc gia hạn và trả lời người báo tin đúng thời hạn.',
      owner: 'Phòng Cảnh sát hình sự',
      ownerSearch: 'canh sat hinh su',
      deadline: hcmDate(75),
    },
  ];
  try {
    await login(page, 'thammuu');
    await expect.visible(page.getByRole('navigation').first());

    // 1. Open the review of the last quarter over the demo programme.
    await openCycle(page, w.root, title1, first, 'reviews-01-open-cycle-form');

    // 2. The scorecards: the total row of the scope, a non-zero figure opens its records.
    await expect.visible(page.getByRole('heading', { name: 'Kết quả theo đơn vị', level: 3 }));
    const total = page.getByRole('row').filter({ hasText: `Toàn phạm vi — ${SCOPE}` });
    await expect.visible(total, 60_000);
    const figures = total.getByRole('link');
    const values = (await figures.allInnerTexts()).map((x) => Number(x.trim()));
    assert.ok(values.length >= 5, 'the total row shows its figures as links');
    assert.ok(values.every((v) => Number.isInteger(v) && v >= 0), `every figure is a count: ${values.join(', ')}`);
    const k = values.findIndex((v) => v > 0);
    assert.ok(k >= 0, `the last quarter has records: ${values.join(', ')}`);
    await expect.visible(page.getByRole('row').filter({ hasText: 'Công an phường Bến Thành' }).or(page.getByRole('row').filter({ hasText: 'Phòng' })));
    await shotAt(page, w.root, 'reviews-02-scorecards', page.getByRole('heading', { name: 'Kết quả theo đơn vị', level: 3 }));
    await figures.nth(k).click();
    const drawer = page.getByRole('dialog');
    await expect.visible(drawer);
    await expect.visible(drawer.getByText(`${SCOPE} · ${quarterLabel(first)}`));
    const recordRows = drawer.getByRole('row').filter({ has: page.getByRole('link') });
    await expect.visible(recordRows);
    const shown = await recordRows.count();
    assert.ok(shown >= 1 && shown <= values[k]!, `the drawer lists the records behind the figure ${values[k]} (${shown} shown)`);
    await settled(page); // the drawer has finished sliding in
    await page.screenshot({ path: path.join(screenshotDir(w.root), 'reviews-03-figure-records.png') });
    await page.keyboard.press('Escape');
    await expect.hidden(drawer);

    // 3. Two limitations as corrective actions, with owner units and deadlines.
    await expect.visible(page.getByRole('heading', { name: 'Hạn chế, vướng mắc và biện pháp khắc phục', level: 3 }));
    for (const l of limitations) await recordLimitation(page, l);
    const recorded = page.locator('xpath=//h4[normalize-space()="Ghi nhận tại đợt này"]/following-sibling::*');
    for (const l of limitations) {
      const card = recorded.filter({ hasText: l.text });
      await expect.visible(card);
      await expect.visible(card.getByText('Chưa thực hiện', { exact: true }));
    }
    await shotAt(page, w.root, 'reviews-04-actions-recorded', page.getByRole('heading', { name: 'Ghi nhận tại đợt này', level: 4 }));

    // 4. The báo cáo sơ kết as a DOCX, downloaded and opened.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Tạo báo cáo (DOCX)' }).click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const file = path.join(screenshotDir(w.root), 'review-report.docx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the report is a DOCX (zip)');
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')?.async('string');
    assert.ok(xml, 'the DOCX has word/document.xml');
    const text = xml.replace(/<[^>]+>/g, '');
    assert.match(text, /BÁO CÁO/, 'the document says BÁO CÁO');
    for (const l of limitations) assert.ok(text.includes(l.text.slice(0, 40)), `the report carries the limitation “${l.text.slice(0, 40)}…”`);
    // Generated in the background (a report run): the page says it is done and keeps the file behind a button.
    await expect.visible(page.getByText('Báo cáo đã lập xong.'));
    await expect.visible(page.getByRole('button', { name: 'Tải báo cáo' }));
    await shotAt(page, w.root, 'reviews-05-report-downloaded', page.getByRole('heading', { name: title1, level: 2 }));

    // 5. The review of the next quarter: both actions carried forward, still open.
    await openCycle(page, w.root, title2, next);
    await expect.visible(page.getByRole('heading', { name: 'Chuyển tiếp từ các đợt trước', level: 4 }), 60_000);
    const carried = between(page, 'Chuyển tiếp từ các đợt trước', 'Ghi nhận tại đợt này');
    for (const l of limitations) {
      const card = carried.filter({ hasText: l.text });
      await expect.visible(card);
      await expect.visible(card.getByText('Lần trước nói gì', { exact: true }));
      await expect.visible(card.getByText(`Ghi nhận tại: ${title1}`, { exact: false }));
      await expect.visible(card.getByText('Chưa thực hiện', { exact: true }));
    }
    // None recorded at this review: they are carried, not copied.
    await expect.visible(page.locator('xpath=//h4[normalize-space()="Ghi nhận tại đợt này"]/following-sibling::*[1]').getByText('Chưa có.', { exact: true }));
    await shotAt(page, w.root, 'reviews-06-next-quarter-carried-forward', carried.filter({ hasText: limitations[0]!.text }));

    assert.deepEqual(s.errors, [], 'no script errors in the pages');
  } catch (e) {
    await shot(page, w.root, 'reviews-failed').catch(() => undefined);
    throw e;
  } finally {
    await s.context.close();
  }
};
