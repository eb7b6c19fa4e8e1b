import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DEMO_PASSWORD, DESKTOP, login, openSession, PHONE, screenshotDir, shot, type Session } from './browser.ts';
import type { World } from './journeys.ts';

/**
 * (9–11) Citizen tips (nguồn tin về tội phạm), issue 4, in a real Chromium:
 * - a citizen sends an anonymous tip with a photo from a phone, while the ward officer watches the
 *   live board: the tip appears without reload; the officer records the receipt, classifies it and
 *   transfers it to Phòng Cảnh sát hình sự; an investigator of that department (an account created
 *   for the journey through the API) extends the deadline, asks the sender a question, reads the
 *   answer, records the outcome and notifies the sender; the citizen follows it all on the status page;
 * - who sees what: another commune's officer does not see the tip (404), a viewer sees the tip but
 *   never the sender's identity (no button, 403), a handler's read of the identity is audited;
 * - a wrong secret and an unknown code get the same neutral answer.
 */

const BEN_THANH = 'Bến Thành';
const PC02 = 'Phòng Cảnh sát hình sự';

/** Sessions opened by a journey; all closed at the end, script errors in any fail it. */
async function withSessions(w: World, name: string, fn: (open: (viewport?: { width: number; height: number }) => Promise<Session>) => Promise<void>): Promise<void> {
  const sessions: Session[] = [];
  const open = async (viewport = DESKTOP) => {
    const s = await openSession(w.browser, w.baseURL, viewport);
    sessions.push(s);
    return s;
  };
  try {
    await fn(open);
    sessions.forEach((s, i) => assert.deepEqual(s.errors, [], `no script errors in the pages of session ${i + 1}`));
  } catch (e) {
    for (const [i, s] of sessions.entries()) await shot(s.page, w.root, `${name}-failed-${i + 1}`).catch(() => undefined);
    throw e;
  } finally {
    for (const s of sessions) await s.context.close().catch(() => undefined);
  }
}

/** Removes expected refusals (Chromium logs a failed request as a console error). */
function forgiveStatus(errors: string[], status: number): void {
  for (let k = errors.findIndex((e) => e.includes(`status of ${status}`)); k >= 0; k = errors.findIndex((e) => e.includes(`status of ${status}`))) errors.splice(k, 1);
}

/** dd/mm/yyyy of today + `days` in Ho Chi Minh City. */
function hcmDate(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d).map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year}`;
}

/** A dialog over the page: the viewport only (the overlay covers no more than that). */
async function shotDialog(page: Page, root: string, name: string): Promise<void> {
  await page.waitForTimeout(400); // let the dialog finish fading in
  await page.screenshot({ path: path.join(screenshotDir(root), `${name}.png`) });
}

/* ── A small, valid PNG with a text chunk (the server must drop it) ─────────────────────────── */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** TEXT_MARK is written in a tEXt chunk, as a camera or phone would write its location. */
const TEXT_MARK = 'GPS 10.772512,106.698013';
function photoPng(size = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Array.from({ length: size }, (_, y) =>
    Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, (_, x) => [x * 15, y * 15, 120]).flat())]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${TEXT_MARK}`, 'latin1')),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/* ── Page helpers ───────────────────────────────────────────────────────────────────────────── */

interface SentTip {
  code: string;
  secret: string;
}

interface TipForm {
  what: string;
  address: string;
  photo?: boolean;
  reporter?: { name: string; phone: string; email: string };
  /** Screenshot names of the filled form and the receipt. */
  shots?: [string, string];
}

/** The citizen's form at /report: fill, send, wait for the proof of work and the receipt. */
async function sendTip(page: Page, root: string, o: TipForm): Promise<SentTip> {
  await page.goto('/report');
  const form = page.getByRole('form', { name: 'Gửi tố giác, tin báo về tội phạm' });
  await expect.visible(form.getByRole('textbox', { name: 'Sự việc đã xảy ra' }));
  const toGiac = form.getByRole('radio', { name: /Tố giác về tội phạm/ });
  await toGiac.click();
  assert.equal(await toGiac.getAttribute('aria-checked'), 'true', 'tố giác is chosen');
  await form.getByRole('textbox', { name: 'Sự việc đã xảy ra' }).fill(o.what);
  const commune = form.getByRole('textbox', { name: 'Xã, phường, đặc khu' });
  await commune.click();
  await commune.fill('ben thanh');
  await page.getByRole('option', { name: new RegExp(`${BEN_THANH}$`) }).click();
  await form.getByRole('textbox', { name: 'Địa chỉ hoặc mô tả nơi xảy ra' }).fill(o.address);
  if (o.photo) {
    await form.locator('input[type="file"]').setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: photoPng() });
    await expect.visible(form.getByRole('listitem').filter({ hasText: 'anh-hien-truong.png' }));
    await expect.visible(form.getByRole('button', { name: 'Bỏ tệp anh-hien-truong.png' }));
  }
  if (o.reporter) {
    await form.getByRole('textbox', { name: 'Họ và tên' }).fill(o.reporter.name);
    await form.getByRole('textbox', { name: 'Số điện thoại' }).fill(o.reporter.phone);
    await form.getByRole('textbox', { name: 'Thư điện tử' }).fill(o.reporter.email);
    assert.equal(await form.getByRole('checkbox', { name: 'Đề nghị giữ bí mật danh tính của tôi' }).isChecked(), true, 'keeping the identity secret is proposed');
  }
  if (o.shots) await shot(page, root, o.shots[0]);
  await form.getByRole('button', { name: 'Gửi tin' }).click();
  // The browser solves the proof of work (a Web Worker), then sends: the receipt replaces the form.
  const code = page.getByTestId('tracking-code');
  await expect.visible(code, 60_000);
  await expect.visible(page.getByRole('heading', { name: 'Đã gửi tin', level: 1 }));
  await expect.visible(page.getByRole('alert').filter({ hasText: 'Mã bí mật chỉ hiển thị một lần' }));
  const sent = { code: (await code.textContent())!.trim(), secret: (await page.getByTestId('tracking-secret').textContent())!.trim() };
  assert.match(sent.code, /^[A-Z0-9-]{6,40}$/, 'a tracking code');
  assert.ok(sent.secret.length >= 8, 'a secret');
  if (o.shots) await shot(page, root, o.shots[1]);
  return sent;
}

/** The status page: look a tip up with its code and secret. */
async function lookUp(page: Page, code: string, secret: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Tra cứu tình trạng tin' });
  await expect.visible(form);
  await form.getByRole('textbox', { name: 'Mã theo dõi' }).fill(code);
  await form.getByLabel('Mã bí mật').fill(secret);
  await form.getByRole('button', { name: 'Tra cứu' }).click();
}

const actions = (page: Page) => page.getByRole('group', { name: 'Thao tác với nguồn tin' });
const inMain = (page: Page, text: string) => page.getByRole('main').getByText(text, { exact: true });
const section = (page: Page, name: string) => page.getByRole('region', { name });

/** One action of the tip page: open its dialog, fill it, send; the dialog closes. */
async function act(page: Page, root: string, button: string, fill: (dialog: Locator) => Promise<void>, shotAs?: string): Promise<void> {
  await actions(page).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await expect.visible(dialog);
  await fill(dialog);
  if (shotAs) await shotDialog(page, root, shotAs);
  await dialog.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect.hidden(dialog);
}

/** A dd/mm/yyyy date field (Mantine DateInput): type, then leave the field. */
async function typeDate(page: Page, field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await page.keyboard.press('Tab');
  assert.equal(await field.inputValue(), value, 'the date field keeps dd/mm/yyyy');
}

/**
 * An investigator of Phòng Cảnh sát hình sự (the demo city has no account there): created by the
 * administrator through the users API, with the CSRF token of the login.
 */
async function createInvestigator(browser: Browser, baseURL: string): Promise<string> {
  const username = `dtv.pc02.${Date.now().toString(36)}`;
  const ctx = await browser.newContext({ baseURL });
  try {
    const loginRes = await ctx.request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
    assert.equal(loginRes.status(), 200, 'admin signs in');
    const { csrfToken } = (await loginRes.json()) as { csrfToken: string };
    const units = (await (await ctx.request.get('/api/units', { params: { q: 'canh sat hinh su', limit: 50 } })).json()) as { items: { id: string; code: string }[] };
    const unit = units.items.find((u) => u.code === 'CATP-PC02');
    assert.ok(unit, 'Phòng Cảnh sát hình sự (CATP-PC02) exists');
    const res = await ctx.request.post('/api/users', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { username, displayName: 'Điều tra viên Phòng Cảnh sát hình sự', unitId: unit.id, roles: ['unit_officer'], password: DEMO_PASSWORD },
    });
    assert.equal(res.status(), 201, `the investigator is created: ${await res.text()}`);
    return username;
  } finally {
    await ctx.close();
  }
}

/* ── (9) The citizen tip, end to end ────────────────────────────────────────────────────────── */

export const citizenTipJourney = (w: World) =>
  withSessions(w, 'tips', async (open) => {
    const investigatorName = await createInvestigator(w.browser, w.baseURL);
    const stamp = Date.now().toString(36);
    const what = `Tối nay khoảng 21 giờ, một nhóm 4–5 thanh niên tụ tập trước chợ Bến Thành, cửa Nam, mời khách du lịch mua đồng hồ giả rồi ép trả tiền, đe dọa người không mua. Có người bị giật ví (${stamp}).`;
    const question = 'Anh/chị có nhìn thấy biển số xe máy của nhóm thanh niên, hoặc đặc điểm nhận dạng của người giật ví không?';
    const answer = 'Một người mặc áo khoác đen, đi xe Exciter màu xanh, biển số bắt đầu bằng 59-X1. Nhóm thường có mặt sau 20 giờ.';

    // ── The ward officer keeps the live board open before anything is sent ─────────────────
    const officer = await open(DESKTOP);
    const op = officer.page;
    await login(op, 'canbo.benthanh');
    await expect.visible(op.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await op.goto('/board');
    await expect.visible(op.getByRole('heading', { name: 'Bảng trực', level: 2 }));
    await expect.visible(op.locator('[data-testid="live-status"][data-status="live"]'));
    await op.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await shot(op, w.root, 'tips-01-board-before');

    // ── The citizen, on a phone, not signed in, sends an anonymous tip with a photo ─────────
    const citizen = await open(PHONE);
    const cp = citizen.page;
    await cp.goto('/report');
    await expect.visible(cp.getByRole('heading', { name: 'Gửi tố giác, tin báo về tội phạm', level: 1 }));
    await expect.visible(cp.getByRole('link', { name: 'Gọi 113' }));
    await shot(cp, w.root, 'tips-02-report-form-phone');
    const tip = await sendTip(cp, w.root, {
      what,
      address: 'Cửa Nam chợ Bến Thành, đường Lê Lợi',
      photo: true,
      shots: ['tips-03-report-filled-phone', 'tips-04-receipt-phone'],
    });

    // ── Live: the tip reaches the board without reload, as an action for the officer ────────
    const row = op.getByTestId('board-actions').getByRole('row').filter({ hasText: tip.code });
    await expect.visible(row.getByText('Lập biên bản tiếp nhận nguồn tin', { exact: true }));
    await expect.visible(op.getByTestId('board-tips').getByRole('link', { name: new RegExp(tip.code) }));
    assert.equal(await op.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the board was not reloaded');
    await shot(op, w.root, 'tips-05-board-live');

    // ── The officer: receipt, classification, transfer ────────────────────────────────────
    await row.getByRole('link', { name: new RegExp(tip.code) }).click();
    await expect.visible(op.getByRole('heading', { name: tip.code, level: 2 }));
    const tipUrl = new URL(op.url()).pathname;
    await expect.visible(inMain(op, 'Mới tiếp nhận'));
    await expect.visible(section(op, 'Nội dung nguồn tin').getByText(what));
    await expect.visible(section(op, 'Người gửi').getByText('Người gửi không để lại thông tin (nặc danh).'));
    // The photo is kept, without its text chunk (the location written by the phone).
    const photo = section(op, 'Nội dung nguồn tin').getByRole('link', { name: 'Tải anh-hien-truong.png' });
    await expect.visible(photo);
    const stored = await op.request.get((await photo.getAttribute('href'))!);
    assert.equal(stored.status(), 200);
    const bytes = await stored.body();
    assert.ok(bytes.subarray(0, 8).equals(photoPng().subarray(0, 8)), 'still a PNG');
    assert.equal(bytes.includes(Buffer.from(TEXT_MARK)), false, 'the text chunk (metadata) was removed');
    assert.equal(bytes.includes(Buffer.from('tEXt')), false, 'no tEXt chunk left');
    await shot(op, w.root, 'tips-06-tip-received');

    await act(
      op,
      w.root,
      'Lập biên bản tiếp nhận',
      async (d) => {
        assert.equal(await d.getByRole('textbox', { name: 'Cán bộ tiếp nhận' }).inputValue(), 'Cán bộ Công an phường Bến Thành', 'the officer is proposed');
        assert.equal(await d.getByRole('textbox', { name: 'Nội dung biên bản' }).inputValue(), what, 'the tip’s words are proposed');
        await d.getByRole('textbox', { name: 'Tài liệu, đồ vật kèm theo' }).fill('01 ảnh chụp hiện trường do người tố giác gửi qua cổng trực tuyến.');
      },
      'tips-07-record-receipt',
    );
    await expect.visible(inMain(op, 'Đã lập biên bản'));
    await expect.visible(section(op, 'Tiếp nhận và phân loại').getByText(/Cổng tiếp nhận trực tuyến/));

    await act(op, w.root, 'Phân loại', async (d) => {
      await d.getByRole('radio', { name: 'Chuyển cơ quan có thẩm quyền', exact: true }).check();
      await d.getByRole('textbox', { name: 'Ghi chú' }).fill('Có dấu hiệu tội cưỡng đoạt tài sản, cướp giật tài sản; thuộc thẩm quyền Cơ quan Cảnh sát điều tra.');
    });
    await expect.visible(inMain(op, 'Đã phân loại'));

    await act(
      op,
      w.root,
      'Chuyển Cơ quan điều tra',
      async (d) => {
        const unit = d.getByRole('textbox', { name: 'Đơn vị nhận (Cơ quan điều tra có thẩm quyền)' });
        await unit.click();
        await unit.fill('hinh su');
        await op.getByRole('option', { name: PC02, exact: true }).click();
        assert.equal(await unit.inputValue(), PC02);
        await d.getByRole('textbox', { name: 'Ghi chú' }).fill('Chuyển kèm biên bản tiếp nhận và ảnh hiện trường.');
      },
      'tips-08-transfer',
    );
    await expect.visible(section(op, 'Tiếp nhận và phân loại').getByText(PC02).first());
    await expect.visible(inMain(op, 'Đang giải quyết'));
    // The ward is no longer the handler: no actions left for it.
    await expect.hidden(actions(op));
    await shot(op, w.root, 'tips-09-transferred');

    // ── The investigator of Phòng Cảnh sát hình sự ───────────────────────────────────────
    const investigator = await open(DESKTOP);
    const ip = investigator.page;
    await login(ip, investigatorName);
    await expect.visible(ip.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await ip.goto('/tips');
    await ip.getByRole('link', { name: `Mở nguồn tin ${tip.code}` }).click();
    await expect.visible(ip.getByRole('heading', { name: tip.code, level: 2 }));
    assert.equal(new URL(ip.url()).pathname, tipUrl);
    await expect.visible(actions(ip).getByRole('button', { name: 'Gia hạn', exact: true }));

    // Extension once: a complex case, up to two months from the receipt (art. 147(2)).
    const until = hcmDate(30);
    const extensionNo = `15/QĐ-CSHS-${stamp}`;
    await act(
      ip,
      w.root,
      'Gia hạn',
      async (d) => {
        assert.equal(await d.getByRole('radio', { name: /^Vụ việc phức tạp/ }).isChecked(), true, 'the complex-case extension is proposed');
        assert.equal(await d.getByRole('radio', { name: /^Viện kiểm sát gia hạn/ }).isDisabled(), true, 'the procuracy’s extension comes after');
        await typeDate(ip, d.getByRole('textbox', { name: 'Gia hạn đến ngày' }), until);
        await d.getByRole('textbox', { name: 'Số quyết định' }).fill(extensionNo);
        assert.equal(await d.getByRole('textbox', { name: 'Ngày quyết định' }).inputValue(), hcmDate(0), 'dated today');
      },
      'tips-10-extend',
    );
    const clock = section(ip, 'Thời hạn giải quyết');
    await expect.visible(clock.getByText(`Gia hạn do vụ việc phức tạp đến ${until} — QĐ số ${extensionNo} ngày ${hcmDate(0)}`));
    await expect.visible(clock.getByText(new RegExp(`^${until.replace(/\//g, '\\/')} 23:59$`)));

    // A question for the anonymous sender.
    await act(ip, w.root, 'Hỏi người gửi', async (d) => {
      await d.getByRole('textbox', { name: 'Câu hỏi cho người gửi' }).fill(question);
    });
    const questions = section(ip, 'Hỏi người gửi');
    await expect.visible(questions.getByText(question));
    await expect.visible(questions.getByText('Chưa trả lời', { exact: true }));
    await shot(ip, w.root, 'tips-11-question-asked');

    // ── The citizen looks the tip up and answers ─────────────────────────────────────────
    await cp.goto(`/report/status?code=${encodeURIComponent(tip.code)}`);
    assert.equal(await cp.getByRole('textbox', { name: 'Mã theo dõi' }).inputValue(), tip.code, 'the code comes from the link');
    await lookUp(cp, tip.code, tip.secret);
    await expect.visible(cp.getByText('Đang kiểm tra, xác minh', { exact: true }));
    await expect.visible(cp.getByText(question));
    await cp.getByRole('textbox', { name: 'Câu trả lời của bạn' }).fill(answer);
    await shot(cp, w.root, 'tips-12-status-question-phone');
    await cp.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect.visible(cp.getByRole('status').filter({ hasText: 'Đã gửi câu trả lời.' }));
    await expect.visible(cp.getByText(answer));
    assert.equal(await cp.getByRole('textbox', { name: 'Câu trả lời của bạn' }).count(), 0, 'nothing left to answer');
    await shot(cp, w.root, 'tips-13-status-answered-phone');

    // ── The investigator reads the answer, decides, notifies the sender (art. 145) ─────────
    await ip.reload();
    await expect.visible(questions.getByText(answer));
    await expect.visible(section(ip, 'Diễn biến').getByText('Người gửi trả lời', { exact: true }));
    await shot(ip, w.root, 'tips-14-answer-read');

    const decisionNo = `27/QĐ-KKT-${stamp}`;
    await act(
      ip,
      w.root,
      'Quyết định khởi tố / không khởi tố',
      async (d) => {
        await d.getByRole('radio', { name: 'Quyết định không khởi tố vụ án hình sự', exact: true }).check();
        await d.getByRole('textbox', { name: 'Số quyết định' }).fill(decisionNo);
        await typeDate(ip, d.getByRole('textbox', { name: 'Ngày quyết định' }), hcmDate(0));
      },
      'tips-15-decide',
    );
    const handling = section(ip, 'Tiếp nhận và phân loại');
    await expect.visible(inMain(ip, 'Đã có quyết định'));
    await expect.visible(handling.getByText(`Số ${decisionNo} ngày ${hcmDate(0)}`));
    await expect.visible(handling.getByText('Chưa thông báo kết quả cho người gửi (Điều 145).'));

    await act(ip, w.root, 'Thông báo kết quả cho người gửi', async (d) => {
      await expect.visible(d.getByText(/Điều 145 BLTTHS 2015/));
    });
    await expect.visible(handling.getByText(/^Đã thông báo cho người gửi lúc /));
    await expect.hidden(actions(ip).getByRole('button', { name: 'Thông báo kết quả cho người gửi' }));
    await shot(ip, w.root, 'tips-16-notified');
    await ip.setViewportSize(PHONE);
    await ip.waitForTimeout(600);
    await shot(ip, w.root, 'tips-17-notified-phone');

    // ── The citizen's status page shows the result ──────────────────────────────────────
    await cp.getByRole('button', { name: 'Cập nhật' }).click();
    await expect.visible(cp.getByText('Đã giải quyết xong', { exact: true }));
    await expect.visible(cp.getByText('Quyết định không khởi tố vụ án hình sự', { exact: true }));
    await expect.visible(cp.getByText(`Ngày quyết định: ${hcmDate(0)}`));
    assert.equal(await cp.getByText('Đã gửi câu trả lời.').count(), 0, 'the notice of the answer does not outlive a refresh');
    assert.equal(await cp.getByText(decisionNo).count(), 0, 'the public page names the outcome, not the file number');
    await shot(cp, w.root, 'tips-18-status-result-phone');
  });

/* ── (10) Who sees the tip, who sees the sender ─────────────────────────────────────────────── */

export const tipAuthorisation = (w: World) =>
  withSessions(w, 'tips-authz', async (open) => {
    const stamp = Date.now().toString(36);
    const reporter = { name: `Nguyễn Thị Hoa ${stamp}`, phone: '0903123456', email: `hoa.${stamp}@example.vn` };

    // A citizen sends a tip WITH her identity (kept secret).
    const citizen = await open(DESKTOP);
    const tip = await sendTip(citizen.page, w.root, {
      what: `Có người tàng trữ, mua bán pháo nổ tại một căn nhà trong hẻm đường Lê Thánh Tôn, phường Bến Thành (${stamp}).`,
      address: 'Hẻm 35 Lê Thánh Tôn',
      reporter,
      shots: ['tips-20-identity-form', 'tips-21-identity-receipt'],
    });

    // The ward officer (handling unit) finds it and reads the identity, after a confirmation.
    const officer = await open(DESKTOP);
    const op = officer.page;
    await login(op, 'canbo.benthanh');
    await expect.visible(op.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await op.goto('/tips');
    await op.getByRole('link', { name: `Mở nguồn tin ${tip.code}` }).click();
    await expect.visible(op.getByRole('heading', { name: tip.code, level: 2 }));
    const tipUrl = new URL(op.url()).pathname;
    const tipId = tipUrl.split('/').pop()!;
    const who = section(op, 'Người gửi');
    assert.equal(await who.getByText(reporter.name).count(), 0, 'the identity is hidden until asked for');
    await who.getByRole('button', { name: 'Xem thông tin người gửi' }).click();
    const confirm = op.getByRole('dialog', { name: 'Xem thông tin người gửi?' });
    await expect.visible(confirm.getByText(/được ghi vào nhật ký hệ thống/));
    await shotDialog(op, w.root, 'tips-22-identity-confirm');
    await confirm.getByRole('button', { name: 'Tôi hiểu, xem thông tin' }).click();
    await expect.visible(who.getByText(reporter.name));
    await expect.visible(who.getByText(reporter.phone));
    await expect.visible(who.getByText(reporter.email));
    await expect.visible(who.getByText('Người gửi đề nghị giữ bí mật danh tính'));
    await expect.visible(who.getByRole('status').filter({ hasText: 'Lần xem này đã được ghi vào nhật ký hệ thống.' }));
    await shot(op, w.root, 'tips-23-identity-shown');
    await who.getByRole('button', { name: 'Ẩn thông tin người gửi' }).click();
    await expect.hidden(who.getByText(reporter.name));

    // Commune B's officer: not in the list, and the page of the tip is "not found".
    const other = await open(DESKTOP);
    const sp = other.page;
    await login(sp, 'canbo.saigon');
    await expect.visible(sp.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await sp.goto('/tips');
    await expect.visible(sp.getByRole('table', { name: 'Danh sách nguồn tin' }));
    await expect.visible(sp.getByRole('link', { name: /^Mở nguồn tin / }));
    assert.equal(await sp.getByRole('link', { name: `Mở nguồn tin ${tip.code}` }).count(), 0, 'commune A’s tip is not in commune B’s list');
    assert.equal(await sp.getByRole('cell', { name: `Phường ${BEN_THANH}` }).count(), 0, 'no tip of phường Bến Thành at all');
    const listed = (await (await sp.request.get('/api/tips', { params: { communeCode: '26743', limit: 100 } })).json()) as { total: number };
    assert.equal(listed.total, 0, 'the API lists none of phường Bến Thành’s tips either');
    await shot(sp, w.root, 'tips-24-other-commune-list');
    await sp.goto(tipUrl);
    await expect.visible(sp.getByRole('heading', { name: 'Không tìm thấy trang' }));
    assert.equal(await sp.getByText(tip.code).count(), 0, 'nothing of the tip is shown');
    forgiveStatus(other.errors, 404);
    assert.equal((await sp.request.get(`/api/tips/${tipId}/reporter`)).status(), 404, 'the identity of an invisible tip: 404');
    await shot(sp, w.root, 'tips-25-other-commune-not-found');

    // The viewer sees the tip, never the sender: no button, and the API refuses (403).
    const viewer = await open(DESKTOP);
    const vp = viewer.page;
    await login(vp, 'theodoi');
    await expect.visible(vp.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await vp.goto(tipUrl);
    await expect.visible(vp.getByRole('heading', { name: tip.code, level: 2 }));
    await expect.visible(section(vp, 'Người gửi').getByText('Bạn không thuộc đơn vị đang giải quyết nên không được xem thông tin người gửi.'));
    assert.equal(await vp.getByRole('button', { name: 'Xem thông tin người gửi' }).count(), 0, 'no identity button for a viewer');
    assert.equal(await actions(vp).count(), 0, 'a viewer handles nothing');
    const refused = await vp.request.get(`/api/tips/${tipId}/reporter`);
    assert.equal(refused.status(), 403, 'the identity API refuses the viewer');
    const refusedBody = await refused.text();
    assert.equal(refusedBody.includes(reporter.name) || refusedBody.includes(reporter.phone), false, 'the refusal carries nothing of the sender');
    await shot(vp, w.root, 'tips-26-viewer-no-identity');

    // The administrator's audit log holds the officer's read (and the viewer's refusal).
    const admin = await open(DESKTOP);
    const ap = admin.page;
    await login(ap, 'admin');
    await expect.visible(ap.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    const audit = (await (await ap.request.get('/api/audit', { params: { action: 'tip.reporter_read', entityId: tipId } })).json()) as {
      items: { action: string; actorName: string | null; entityId: string | null; data: unknown }[];
    };
    assert.equal(audit.items.length, 1, 'one read, one audit row');
    assert.equal(audit.items[0]!.actorName, 'Cán bộ Công an phường Bến Thành');
    assert.equal(JSON.stringify(audit.items[0]!.data).includes(reporter.name), false, 'the audit row does not copy the identity');
    await ap.goto('/audit');
    await expect.visible(ap.getByRole('heading', { name: 'Nhật ký hoạt động' }));
    await ap.getByRole('textbox', { name: 'Hành động (bắt đầu bằng)' }).fill('tip.reporter_read');
    await ap.getByRole('button', { name: 'Lọc', exact: true }).click();
    await ap.waitForURL(/action=tip\.reporter_read/);
    const firstRow = ap.getByRole('row').nth(1);
    await expect.visible(firstRow.getByRole('cell', { name: 'tip.reporter_read' }));
    await expect.visible(firstRow.getByRole('cell', { name: 'Cán bộ Công an phường Bến Thành' }));
    await firstRow.getByRole('button', { name: /^Xem chi tiết bản ghi/ }).click();
    const detail = ap.getByRole('dialog', { name: /^Bản ghi nhật ký số/ });
    await expect.visible(detail.getByText(tipId));
    await shotDialog(ap, w.root, 'tips-27-audit-reporter-read');
  });

/* ── (11) A wrong secret answers like an unknown code ───────────────────────────────────────── */

export const tipWrongSecret = (w: World) =>
  withSessions(w, 'tips-secret', async (open) => {
    const citizen = await open(PHONE);
    const cp = citizen.page;
    const tip = await sendTip(cp, w.root, {
      what: `Xe máy để trước nhà bị lấy trộm trong đêm, trước số 12 đường Phạm Hồng Thái (${Date.now().toString(36)}).`,
      address: '12 Phạm Hồng Thái',
    });

    const statusResponse = () => cp.waitForResponse((r) => r.url().endsWith('/api/public/tips/status'));
    const wrongSecret = tip.secret.slice(0, -1) + (tip.secret.endsWith('A') ? 'B' : 'A');
    await cp.goto('/report/status');
    const [wrong] = await Promise.all([statusResponse(), lookUp(cp, tip.code, wrongSecret)]);
    const wrongBody = await wrong.text();
    const alert = cp.getByRole('form', { name: 'Tra cứu tình trạng tin' }).getByRole('alert');
    await expect.visible(alert);
    const wrongText = (await alert.textContent())!.trim();
    assert.equal(wrongText, 'Mã theo dõi hoặc mã bí mật không đúng.');
    await shot(cp, w.root, 'tips-30-status-wrong-secret-phone');

    await cp.goto('/report/status');
    const unknown = tip.code.replace(/[0-9A-Z](?=[^0-9A-Z]*$)/, (c) => (c === '7' ? '8' : '7'));
    assert.notEqual(unknown, tip.code);
    const [missing] = await Promise.all([statusResponse(), lookUp(cp, unknown, tip.secret)]);
    const missingBody = await missing.text();
    await expect.visible(alert);
    assert.equal((await alert.textContent())!.trim(), wrongText, 'the same words for an unknown code');
    assert.equal(wrong.status(), 404);
    assert.equal(missing.status(), 404);
    assert.equal(wrongBody, missingBody, 'the same answer from the server');
    await shot(cp, w.root, 'tips-31-status-unknown-code-phone');
    forgiveStatus(citizen.errors, 404);

    // The right pair still works: nothing was locked or spent by the failures.
    await cp.goto('/report/status');
    await lookUp(cp, tip.code, tip.secret);
    await expect.visible(cp.getByText('Đã tiếp nhận', { exact: true }));
  });
