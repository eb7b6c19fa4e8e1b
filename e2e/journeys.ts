import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { expect } from './expect.ts';
import { DEMO_PASSWORD, login, openSession, PHONE, shot, type Session } from './browser.ts';

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
    await expect.visible(page.getByRole('heading', { name: 'Tổng quan', level: 2 }));
    await shot(page, w.root, '01-dashboard');
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
      await expect.visible(page.getByRole('heading', { name: 'Tổng quan', level: 2 }));
      await page.getByRole('button', { name: 'Switch the interface to English' }).click();
      await expect.visible(page.getByRole('heading', { name: 'Overview', level: 2 }));
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await expect.visible(page.getByRole('heading', { name: 'Overview', level: 2 }));
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect.visible(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisation' }));
      await shot(page, w.root, '09-phone-english-navigation');
      await page.getByRole('button', { name: 'Close navigation' }).click();
      await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
      await expect.visible(page.getByRole('heading', { name: 'Tổng quan', level: 2 }));
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
