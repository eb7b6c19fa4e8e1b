import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DESKTOP, login, openSession, PHONE, shot, type Session } from './browser.ts';
import type { World } from './journeys.ts';

/**
 * (8) A security and order situation, end to end, with the demo accounts:
 * - canbo.benthanh (unit officer of Công an phường Bến Thành) records it for the ward — the lead
 *   unit is the ward police, the assigning level its superior, Công an Thành phố — with Công an
 *   phường Sài Gòn supporting; a time in the future is refused on the field and nothing typed is
 *   lost; logs the first action and escalates it to Phòng Cảnh sát hình sự (department level);
 * - thammuu (staff officer of the city police, whose scope holds the department) writes in the
 *   joint log for the department;
 * - the ward officer (lead unit) files the closing report: the first key; the officer cannot
 *   confirm it;
 * - the staff officer, for the level the situation was escalated to, confirms the closure: the
 *   second key; the list finds it among the closed situations.
 * Every step is allowed to these accounts by the incidents policy: no setup through the API.
 */

/** Two sessions side by side; script errors in either fail the journey. */
async function withTwoSessions(w: World, fn: (officer: Session, staff: Session) => Promise<void>): Promise<void> {
  const officer = await openSession(w.browser, w.baseURL, DESKTOP);
  const staff = await openSession(w.browser, w.baseURL, DESKTOP);
  try {
    await fn(officer, staff);
    assert.deepEqual(officer.errors, [], 'no script errors in the ward officer’s pages');
    assert.deepEqual(staff.errors, [], 'no script errors in the staff officer’s pages');
  } catch (e) {
    await shot(officer.page, w.root, 'incidents-failed-officer').catch(() => undefined);
    await shot(staff.page, w.root, 'incidents-failed-staff').catch(() => undefined);
    throw e;
  } finally {
    await officer.context.close();
    await staff.context.close();
  }
}

/** A Mantine Select: open it, optionally type, choose the option. */
async function choose(page: Page, field: Locator, option: string, search?: string): Promise<void> {
  await field.click();
  if (search !== undefined) await field.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The hour in Ho Chi Minh City now. */
const hcmHour = (): number => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));

const actions = (page: Page) => page.getByRole('group', { name: 'Xử lý vụ việc' });
const inMain = (page: Page, text: string) => page.getByRole('main').getByText(text, { exact: true });
const jointLog = (page: Page) => page.getByRole('region', { name: 'Nhật ký phối hợp' });

/** Removes one expected refusal (Chromium logs a failed request as a console error). */
function forgiveStatus(errors: string[], status: number): void {
  const k = errors.findIndex((e) => e.includes(`status of ${status}`));
  if (k >= 0) errors.splice(k, 1);
}

async function addLogEntry(page: Page, o: { unit?: string; text: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Ghi nhật ký' });
  if (o.unit) await choose(page, form.getByRole('textbox', { name: 'Ghi cho đơn vị' }), o.unit);
  await form.getByRole('textbox', { name: 'Nội dung ghi nhật ký' }).fill(o.text);
  await form.getByRole('button', { name: 'Ghi vào nhật ký' }).click();
  await expect.visible(page.getByText('Đã ghi nhật ký.'));
  await expect.visible(jointLog(page).locator('.mantine-Timeline-item').getByText(o.text, { exact: true }));
  assert.equal(await form.getByRole('textbox', { name: 'Nội dung ghi nhật ký' }).inputValue(), '', 'the log form is cleared once sent');
}

export const incidentJourney = (w: World) =>
  withTwoSessions(w, async (officer, staff) => {
    const op = officer.page;
    const sp = staff.page;
    const stamp = Date.now().toString(36);
    const title = `Cướp giật điện thoại của du khách trên đường Lê Lợi (${stamp})`;
    const firstLog = 'Tổ tuần tra có mặt tại hiện trường lúc 00:20, bảo vệ hiện trường, lấy lời khai bị hại và nhân chứng.';
    const escalationReason = 'Đối tượng có dấu hiệu hoạt động theo nhóm, liên quan nhiều phường; đề nghị Phòng Cảnh sát hình sự chủ trì truy xét.';
    const departmentLog = 'Phòng Cảnh sát hình sự tiếp nhận, phân công tổ trinh sát phối hợp Công an phường Bến Thành truy xét đối tượng.';
    const closingReport = 'Đã bắt giữ 02 đối tượng, thu hồi tài sản trả cho bị hại; lập hồ sơ chuyển Cơ quan Cảnh sát điều tra xử lý theo thẩm quyền.';

    // ── The ward officer records the situation ──────────────────────────────────────────────
    await login(op, 'canbo.benthanh');
    await op.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Vụ việc ANTT' }).click();
    await expect.visible(op.getByRole('heading', { name: 'Vụ việc ANTT', level: 2 }));
    await expect.visible(op.getByRole('region', { name: 'Danh sách vụ việc' }).getByRole('columnheader', { name: 'Cấp xử lý' }));
    await shot(op, w.root, 'incidents-01-list-ward-officer');
    await op.getByRole('link', { name: 'Ghi nhận vụ việc' }).click();
    const form = op.getByRole('form', { name: 'Ghi nhận vụ việc' });
    await expect.visible(form.getByRole('textbox', { name: 'Tiêu đề vụ việc' }));

    // Nothing filled: every required field says so.
    await form.getByRole('button', { name: 'Ghi nhận vụ việc' }).click();
    await expect.visible(form.getByText('Bắt buộc nhập.'));

    // The ward's own commune and unit are proposed.
    assert.equal(await form.getByRole('textbox', { name: 'Xã, phường, đặc khu' }).inputValue(), 'Phường Bến Thành (26743)');
    assert.equal(await form.getByRole('textbox', { name: 'Đơn vị chủ trì' }).inputValue(), 'Công an phường Bến Thành');
    await form.getByRole('textbox', { name: 'Tiêu đề vụ việc' }).fill(title);
    await choose(op, form.getByRole('textbox', { name: 'Lĩnh vực' }), 'Trật tự xã hội');
    await choose(op, form.getByRole('textbox', { name: 'Mức độ' }), 'Nghiêm trọng');
    await choose(op, form.getByRole('textbox', { name: 'Nguồn tiếp nhận' }), 'Cuộc gọi 113');
    await form
      .getByRole('textbox', { name: 'Diễn biến ban đầu' })
      .fill('Khoảng 00h05, hai đối tượng đi xe máy áp sát, giật điện thoại của một du khách nước ngoài trước số 65 Lê Lợi rồi tẩu thoát về hướng chợ Bến Thành.');
    await form.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).fill('Trước số 65 Lê Lợi, phường Bến Thành');
    await form.getByRole('textbox', { name: 'Vĩ độ (không bắt buộc)' }).fill('10.7731');
    await form.getByRole('textbox', { name: 'Kinh độ (không bắt buộc)' }).fill('106.7005');
    await form.getByRole('textbox', { name: 'Số người liên quan' }).fill('3');
    await form.getByRole('textbox', { name: 'Thiệt hại ước tính (đồng)' }).fill('25000000');
    await form.getByRole('button', { name: 'Thêm đơn vị phối hợp' }).click();
    await choose(op, form.getByRole('textbox', { name: 'Đơn vị phối hợp 1', exact: true }), 'Công an phường Sài Gòn', 'sai gon');
    await form.getByRole('textbox', { name: 'Nhiệm vụ của đơn vị phối hợp 1' }).fill('Rà soát camera an ninh các tuyến đường giáp ranh');
    const time = form.getByRole('textbox', { name: 'Giờ xảy ra (giờ Việt Nam)' });

    // A time later today than now is refused by the server, on the date field; nothing typed is lost.
    if (hcmHour() < 23) {
      await time.fill('23h59'); // written the Vietnamese way; read as 23:59
      await form.getByRole('button', { name: 'Ghi nhận vụ việc' }).click();
      await expect.visible(form.getByText('Thời gian xảy ra không được sau thời điểm hiện tại.').first());
      forgiveStatus(officer.errors, 422);
      assert.equal(await form.getByRole('textbox', { name: 'Tiêu đề vụ việc' }).inputValue(), title, 'the title is kept');
      assert.equal(await form.getByRole('textbox', { name: 'Nhiệm vụ của đơn vị phối hợp 1' }).inputValue(), 'Rà soát camera an ninh các tuyến đường giáp ranh');
      await shot(op, w.root, 'incidents-02-form-server-error');
    }
    await time.fill('00:05');
    await op.waitForTimeout(300);
    await shot(op, w.root, 'incidents-03-form-filled');
    await form.getByRole('button', { name: 'Ghi nhận vụ việc' }).click();

    // The situation page: new, at commune level, the ward police leads, Sài Gòn supports.
    await expect.visible(op.getByRole('heading', { name: title, level: 2 }));
    const incidentUrl = op.url();
    await expect.visible(inMain(op, 'Mới tiếp nhận'));
    await expect.visible(inMain(op, 'Cấp xã'));
    const units = op.getByRole('region', { name: 'Đơn vị xử lý' });
    await expect.visible(units.getByText('Công an Thành phố Hồ Chí Minh', { exact: true }));
    await expect.visible(units.getByRole('listitem', { name: 'Công an phường Sài Gòn' }).getByText('Rà soát camera an ninh các tuyến đường giáp ranh'));
    const facts = op.getByRole('region', { name: 'Thông tin vụ việc' });
    await expect.visible(facts.getByText(/25\.000\.000/));
    await expect.visible(facts.getByText('Cuộc gọi 113', { exact: true }));
    assert.equal(await actions(op).getByRole('button', { name: 'Xác nhận kết thúc' }).count(), 0, 'no closure decision while open');

    // First log entry (for the officer's own unit, proposed), then escalation to a city department.
    await addLogEntry(op, { text: firstLog });
    await expect.visible(inMain(op, 'Đang xử lý'));
    await actions(op).getByRole('button', { name: 'Báo cáo lên cấp trên' }).click();
    const escalate = op.getByRole('dialog', { name: 'Báo cáo lên cấp trên' });
    await expect.visible(escalate);
    assert.equal(await escalate.getByRole('radio', { name: 'Cấp phòng, sở Thành phố' }).isChecked(), true, 'the next level up is proposed');
    await choose(op, escalate.getByRole('textbox', { name: 'Đơn vị tiếp nhận' }), 'Phòng Cảnh sát hình sự', 'hinh su');
    await escalate.getByRole('textbox', { name: 'Lý do' }).fill(escalationReason);
    await op.waitForTimeout(300);
    await shot(op, w.root, 'incidents-04-escalate');
    await escalate.getByRole('button', { name: 'Báo cáo lên cấp trên' }).click();
    await expect.hidden(escalate);
    await expect.visible(inMain(op, 'Đang xử lý ở cấp trên'));
    await expect.visible(units.getByText('Phòng Cảnh sát hình sự', { exact: true }));
    await expect.visible(jointLog(op).getByText('Cấp xã → Cấp phòng, sở Thành phố: Phòng Cảnh sát hình sự'));
    await expect.visible(jointLog(op).getByText(escalationReason));
    await shot(op, w.root, 'incidents-05-escalated');

    // ── The staff officer writes in the joint log for the department ────────────────────────
    await login(sp, 'thammuu');
    await expect.visible(sp.getByRole('heading', { name: 'Việc của tôi', level: 2 }));
    await sp.goto(incidentUrl);
    await expect.visible(sp.getByRole('heading', { name: title, level: 2 }));
    await addLogEntry(sp, { unit: 'Phòng Cảnh sát hình sự', text: departmentLog });
    assert.equal(await actions(sp).getByRole('button', { name: 'Xác nhận kết thúc' }).count(), 0, 'nothing to confirm before the closing report');
    await shot(sp, w.root, 'incidents-06-department-log');

    // The joint log by unit: only the department's entries.
    await choose(sp, jointLog(sp).getByRole('textbox', { name: 'Xem theo đơn vị' }), 'Phòng Cảnh sát hình sự');
    await expect.visible(jointLog(sp).getByText(departmentLog));
    assert.equal(await jointLog(sp).getByText(firstLog, { exact: true }).count(), 0, 'the ward’s entry is filtered out');

    // ── First key: the lead unit's closing report ──────────────────────────────────────────
    await op.reload();
    await expect.visible(jointLog(op).getByText(departmentLog));
    await actions(op).getByRole('button', { name: 'Báo cáo kết thúc' }).click();
    const report = op.getByRole('dialog', { name: 'Báo cáo kết thúc' });
    await report.getByRole('textbox', { name: 'Nội dung báo cáo kết thúc' }).fill(closingReport);
    await op.waitForTimeout(300);
    await shot(op, w.root, 'incidents-07-closing-report');
    await report.getByRole('button', { name: 'Gửi báo cáo kết thúc' }).click();
    await expect.hidden(report);
    await expect.visible(inMain(op, 'Chờ xác nhận kết thúc'));
    await expect.visible(op.getByRole('status').filter({ hasText: 'chờ Phòng Cảnh sát hình sự xác nhận' }));
    assert.equal(await actions(op).getByRole('button', { name: 'Xác nhận kết thúc' }).count(), 0, 'the lead unit does not hold the second key');

    // ── Second key: the escalated level confirms ───────────────────────────────────────────
    await sp.reload();
    await expect.visible(inMain(sp, 'Chờ xác nhận kết thúc'));
    await actions(sp).getByRole('button', { name: 'Xác nhận kết thúc' }).click();
    const closure = sp.getByRole('dialog', { name: 'Xác nhận kết thúc' });
    await expect.visible(closure.getByText(closingReport));
    assert.equal(await closure.getByRole('radio', { name: 'Xác nhận kết thúc vụ việc' }).isChecked(), true);
    await closure.getByRole('textbox', { name: 'Lý do, yêu cầu' }).fill('Đồng ý kết thúc; Công an phường tiếp tục nắm tình hình địa bàn.');
    await sp.waitForTimeout(300);
    await shot(sp, w.root, 'incidents-08-closure-confirm');
    await closure.getByRole('button', { name: 'Gửi quyết định' }).click();
    await expect.hidden(closure);
    await expect.visible(inMain(sp, 'Đã kết thúc'));
    await expect.visible(jointLog(sp).getByText('Xác nhận kết thúc — Phòng Cảnh sát hình sự'));
    assert.equal(await sp.getByRole('form', { name: 'Ghi nhật ký' }).count(), 0, 'a closed situation takes no log entries');
    await expect.visible(actions(sp).getByRole('button', { name: 'Mở lại' }));
    await shot(sp, w.root, 'incidents-09-closed');
    await sp.setViewportSize(PHONE);
    await sp.waitForTimeout(600);
    await shot(sp, w.root, 'incidents-10-closed-phone');
    await sp.setViewportSize(DESKTOP);

    // The list finds it among the closed situations, by words without accents; the filters stay in the address bar.
    await sp.goto('/incidents');
    const filters = sp.getByRole('search', { name: 'Lọc vụ việc' });
    await filters.getByRole('searchbox', { name: 'Tìm vụ việc' }).fill(`cuop giat le loi ${stamp}`);
    await choose(sp, filters.getByRole('textbox', { name: 'Trạng thái' }), 'Đã kết thúc');
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await sp.waitForURL(/status=closed/);
    assert.match(sp.url(), new RegExp(`q=cuop\\+giat\\+le\\+loi\\+${stamp}`));
    await expect.visible(sp.getByText('Tổng số: 1', { exact: true }));
    const row = sp.getByRole('row').filter({ has: sp.getByRole('link', { name: title }) });
    await expect.visible(row.getByText('Đã kết thúc', { exact: true }));
    await expect.visible(row.getByText('Cấp phòng, sở Thành phố', { exact: true }));
    await expect.visible(row.getByText('Công an phường Bến Thành', { exact: true }));
    await shot(sp, w.root, 'incidents-11-list-filtered');
    await sp.reload();
    await expect.visible(sp.getByRole('link', { name: title }));
    await sp.setViewportSize(PHONE);
    await sp.waitForTimeout(600);
    await shot(sp, w.root, 'incidents-12-list-phone');
  });
