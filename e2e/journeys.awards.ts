import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from './expect.ts';
import { DESKTOP, login, openSession, screenshotDir, shot } from './browser.ts';
import type { World } from './journeys.ts';

/**
 * (Issue 6, second half) Emulation and awards with the demo accounts, nothing set up through the API:
 * - thammuu (staff officer of the city police) nominates the head of Công an phường Sài Gòn
 *   (Thượng tá Bùi Quốc Bảo, a demo person) for a Bằng khen của Bộ trưởng Bộ Công an: the
 *   achievements are pre-filled from the records — the ward's results in last season's Tết campaign
 *   (campaigns module) besides its tasks, situations and tips — with evidence links and the
 *   eligibility verdict;
 * - the same staff officer, as the standing office of the emulation council, records the
 *   council's minutes: members, opinions, votes; the tally approves (quorum, ≥ 80 %);
 * - lanhdao (city leader) issues the decision with its number and date, and downloads the decision
 *   DOCX (kept in artifacts/e2e/awards-decision.docx).
 */

async function choose(page: Page, label: string, option: RegExp | string, search?: string, within = page.getByRole('main')): Promise<void> {
  const field = within.getByRole('textbox', { name: label, exact: true });
  await field.click();
  if (search !== undefined) await field.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

export const awardJourney = async (w: World): Promise<void> => {
  const staff = await openSession(w.browser, w.baseURL, DESKTOP);
  const leader = await openSession(w.browser, w.baseURL, DESKTOP);
  const sp = staff.page;
  const lp = leader.page;
  try {
    await login(sp, 'thammuu');
    await expect.visible(sp.getByRole('navigation').first());
    await sp.goto('/awards?tab=create');
    await expect.visible(sp.getByRole('form', { name: 'Lập đề nghị' }));
    await choose(sp, 'Hình thức khen thưởng', 'Bằng khen của Bộ trưởng Bộ Công an');
    await choose(sp, 'Cá nhân được đề nghị', /Bùi Quốc Bảo/, 'Bùi Quốc');
    await sp.getByRole('button', { name: 'Lấy thành tích từ hồ sơ' }).click();
    const achievements = sp.getByRole('region', { name: 'Thành tích đo từ hồ sơ' });
    await expect.visible(achievements);
    await expect.visible(achievements.getByText('Kết quả đợt cao điểm', { exact: true }));
    await expect.visible(achievements.getByText('Nhiệm vụ chủ trì hoàn thành đúng hạn', { exact: true }));
    await expect.visible(achievements.getByRole('link').first());
    await expect.visible(sp.getByText('Đủ điều kiện', { exact: true }));
    await sp.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Chỉ huy Công an phường Sài Gòn hoàn thành xuất sắc nhiệm vụ trong đợt cao điểm tấn công, trấn áp tội phạm dịp Tết.');
    await shot(sp, w.root, 'awards-1-nomination-prefilled');
    await sp.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await sp.waitForURL(/\/awards\/nominations\/[0-9a-f-]{36}$/);
    const url = sp.url();
    await expect.visible(sp.getByText('Chờ hội đồng xét', { exact: true }));

    // The council's minutes: five members present, four for, one abstaining with an opinion (80 %).
    const form = sp.getByRole('form', { name: 'Ghi biên bản họp xét' });
    await form.getByRole('textbox', { name: 'Hội đồng', exact: true }).fill('Hội đồng Thi đua - Khen thưởng Công an Thành phố');
    await form.getByRole('textbox', { name: 'Tổng số thành viên hội đồng' }).fill('5');
    const members: [string, string, string, string][] = [
      ['Trung tướng Trần Minh Khôi', 'Chủ tịch Hội đồng', 'Đồng ý', 'Thành tích có số liệu và hồ sơ chứng minh.'],
      ['Thiếu tướng Lê Quang Hưng', 'Phó Chủ tịch Hội đồng', 'Đồng ý', ''],
      ['Đại tá Phạm Thị Lan', 'Ủy viên thường trực', 'Đồng ý', ''],
      ['Thượng tá Đặng Hoàng Yến', 'Ủy viên', 'Đồng ý', ''],
      ['Đại tá Võ Thành Nam', 'Ủy viên', 'Không biểu quyết', 'Đề nghị bổ sung kết quả quý IV.'],
    ];
    for (let i = 0; i < members.length; i++) {
      if (i > 0) await form.getByRole('button', { name: 'Thêm thành viên' }).click();
      const row = form.getByRole('group', { name: `Thành viên ${i + 1}` });
      const [name, title, vote, opinion] = members[i]!;
      await row.getByRole('textbox', { name: 'Thành viên', exact: true }).fill(name);
      await row.getByRole('textbox', { name: 'Chức vụ', exact: true }).fill(title);
      if (vote !== 'Đồng ý') await choose(sp, 'Biểu quyết', vote, undefined, row);
      if (opinion) await row.getByRole('textbox', { name: 'Ý kiến', exact: true }).fill(opinion);
    }
    await form.getByRole('button', { name: 'Ghi biên bản họp xét' }).click();
    const review = sp.getByRole('region', { name: 'Hội đồng Thi đua - Khen thưởng xét' });
    await expect.visible(review.getByText('Thông qua', { exact: true }));
    assert.match(await review.getByTestId('tally').innerText(), /Có mặt 5\/5.*đồng ý 4.*không biểu quyết 1.*80%/s);
    await expect.visible(review.getByText('Đề nghị bổ sung kết quả quý IV.'));
    await expect.visible(sp.getByText('Hội đồng thông qua', { exact: true }));
    await shot(sp, w.root, 'awards-2-council-review');

    // The leader issues the decision and downloads it.
    await login(lp, 'lanhdao');
    await expect.visible(lp.getByRole('navigation').first());
    await lp.goto(url);
    const decision = lp.getByRole('form', { name: 'Ban hành quyết định' });
    await expect.visible(decision);
    const number = `${100 + (Date.now() % 800)}/QĐ-BCA`;
    await decision.getByRole('textbox', { name: 'Số, ký hiệu', exact: true }).fill(number);
    await decision.getByRole('textbox', { name: 'Người ký', exact: true }).fill('Đại tướng Lương Tam Quang');
    await decision.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await expect.visible(lp.getByTestId('decision-line'));
    assert.match(await lp.getByTestId('decision-line').innerText(), new RegExp(`Quyết định số ${number.replace('/', '\\/')} ngày \\d{2}/\\d{2}/\\d{4} của Bộ Công an`));
    await expect.visible(lp.getByText('Đã có quyết định', { exact: true }));
    const [download] = await Promise.all([lp.waitForEvent('download'), lp.getByRole('button', { name: 'Tải quyết định (DOCX)' }).click()]);
    const file = path.join(screenshotDir(w.root), 'awards-decision.docx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 2000, 'the decision DOCX has content');
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'the decision is a DOCX (zip)');
    assert.match(download.suggestedFilename(), /\.docx$/);
    await shot(lp, w.root, 'awards-3-decision-issued');

    assert.deepEqual(staff.errors, [], 'no script errors in the staff officer’s pages');
    assert.deepEqual(leader.errors, [], 'no script errors in the leader’s pages');
  } catch (e) {
    await shot(sp, w.root, 'awards-failed-staff').catch(() => undefined);
    await shot(lp, w.root, 'awards-failed-leader').catch(() => undefined);
    throw e;
  } finally {
    await staff.context.close();
    await leader.context.close();
  }
};
