/**
 * End-to-end journeys in a real Chromium: `npm run test:e2e` (after `npm run build:web`).
 * Starts the server on a free port with a fresh embedded database, runs the journeys with
 * node:test and keeps screenshots in artifacts/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotDir } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import * as journeys from './journeys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
  console.error('dist/web is missing: build the web app first with `npm run build:web`.');
  process.exit(2);
}
screenshotDir(root);

let server: RunningServer | undefined;
let browser: Browser | undefined;
const world = (): journeys.World => ({ browser: browser!, baseURL: server!.url, root });

before(async () => {
  server = await startServer(root);
  browser = await launchBrowser();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const opts = { timeout: 90_000 };
test('admin finds Công an phường Bến Thành by an unaccented search', opts, () => journeys.searchOrganisation(world()));
test('admin creates an account and sees user.created in the audit log', opts, () => journeys.createUserThenAudit(world()));
test('a commune officer has no Accounts/Audit entries and is refused the audit page', opts, () => journeys.officerRestricted(world()));
test('Vietnamese by default, English on request (remembered), and back', opts, () => journeys.languageToggle(world()));
test('a wrong password shows the translated error', opts, () => journeys.wrongPassword(world()));
test('coordination loop: import a conference, assign, report with evidence, return, accept; clause coverage', { timeout: 240_000 }, () => journeys.coordinationLoop(world()));
test('the assigner edits a task (deadline, coordinating unit), relates two documents then removes the relation, edits a conference and its conclusions', { timeout: 120_000 }, () => journeys.editTaskAndRelateDocuments(world()));
test('a situation: recorded by a ward officer, escalated to a city department, logged jointly, closing report by the lead unit, closure confirmed by the escalated level', { timeout: 180_000 }, async () => (await import('./journeys.incidents.ts')).incidentJourney(world()));
test('a citizen tip: sent anonymously from a phone with a photo, live on the ward board, received, classified, transferred; the investigator extends, asks, reads the answer, decides and notifies; the citizen follows it', { timeout: 180_000 }, async () => (await import('./journeys.tips.ts')).citizenTipJourney(world()));
test('a tip of commune A: commune B does not see it, a viewer never sees the sender (403), the handler’s read of the identity is audited', opts, async () => (await import('./journeys.tips.ts')).tipAuthorisation(world()));
test('a wrong secret on the status page answers like an unknown code', opts, async () => (await import('./journeys.tips.ts')).tipWrongSecret(world()));
test('a Tết campaign: created from the template by the city, two wards report (a negative figure refused), the city sees the roll-up against targets and last season and closes it, downloading its closing report', { timeout: 240_000 }, async () => (await import('./journeys.campaigns.ts')).campaignJourney(world()));
test('awards: a unit leader nominated for a Bằng khen from the records and a campaign’s results, the council’s opinions and votes, the decision issued and its DOCX downloaded', { timeout: 180_000 }, async () => (await import('./journeys.awards.ts')).awardJourney(world()));
test('a quarterly review: opened for the last quarter over the demo programme, a figure opens its records, two limitations recorded as corrective actions, the report DOCX downloaded, both actions carried forward into the next quarter', { timeout: 180_000 }, async () => (await import('./journeys.reviews.ts')).reviewJourney(world()));
