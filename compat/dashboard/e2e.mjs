// Parse Dashboard end to end (issue #15), run by e2e.sh: headless Chromium (playwright-core)
// clicks through Parse Dashboard pointed at this server. Every step is attempted; each checks
// what was stored through REST (master key), fails on any 4xx/5xx response the page received,
// and leaves a screenshot in E2E_OUT. Prints a PASS/FAIL line per step; exits 1 on any failure.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run e2e.sh)`);
  return v;
};
const require = createRequire(path.join(env('E2E_NODE_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

const SERVER = env('E2E_SERVER_URL');
const DASH = env('E2E_DASHBOARD_URL');
const APP_ID = env('E2E_APP_ID');
const MASTER_KEY = env('E2E_MASTER_KEY');
const APP_NAME = env('E2E_APP_NAME');
const OUT = env('E2E_OUT');
const [ADMIN_USER, ADMIN_PASS] = env('E2E_ADMIN').split(':');
const [VIEWER_USER, VIEWER_PASS] = env('E2E_VIEWER').split(':');
const APP_URL = `${DASH}/apps/${encodeURIComponent(APP_NAME)}`;
const CLASS = 'E2EAll';
const TARGET = 'E2ETarget';
const STEP_TIMEOUT = 10000;

// ---- REST, with the master key -------------------------------------------------------------
async function rest(method, route, body, contentType = 'application/json') {
  const res = await fetch(SERVER + route, {
    method,
    headers: {
      'X-Parse-Application-Id': APP_ID,
      'X-Parse-Master-Key': MASTER_KEY,
      'Content-Type': contentType,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  if (!res.ok) throw new Error(`REST ${method} ${route} -> ${res.status} ${text.slice(0, 300)}`);
  return json;
}
const getObject = (cls, id) => rest('GET', `/classes/${cls}/${id}`);
const count = async (cls, where = {}) =>
  (await rest('GET', `/classes/${cls}?count=1&limit=0&where=${encodeURIComponent(JSON.stringify(where))}`)).count;

function check(cond, message) {
  if (!cond) throw new Error(message);
}

// ---- the data every step works on ----------------------------------------------------------
async function seed() {
  const targets = [];
  for (const name of ['target-1', 'target-2', 'target-3']) {
    targets.push((await rest('POST', `/classes/${TARGET}`, { name })).objectId);
  }
  const file = await rest('POST', '/files/e2e.txt', 'hello from the e2e run', 'text/plain');
  const all = {
    str: 'hello',
    num: 42,
    bool: true,
    date: { __type: 'Date', iso: '2024-01-02T03:04:05.000Z' },
    obj: { a: 1, b: 'two' },
    arr: [1, 'x'],
    geo: { __type: 'GeoPoint', latitude: 40, longitude: -30 },
    file: { __type: 'File', name: file.name, url: file.url },
    ptr: { __type: 'Pointer', className: TARGET, objectId: targets[0] },
    poly: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [1, 0]] },
    bytes: { __type: 'Bytes', base64: 'aGVsbG8=' },
  };
  const row = (await rest('POST', `/classes/${CLASS}`, all)).objectId;
  await rest('PUT', `/classes/${CLASS}/${row}`, {
    rel: {
      __op: 'AddRelation',
      objects: targets.slice(0, 2).map((objectId) => ({ __type: 'Pointer', className: TARGET, objectId })),
    },
  });
  // older rows: the filter must narrow the list, the delete removes one of them
  const other = (await rest('POST', `/classes/${CLASS}`, { str: 'other', num: 7 })).objectId;
  const doomed = (await rest('POST', `/classes/${CLASS}`, { str: 'delete me', num: 1 })).objectId;
  await rest('POST', '/push_audiences', {
    name: 'E2E audience',
    query: JSON.stringify({ deviceType: { $in: ['ios'] } }),
  }).catch((e) => console.log(`  (seed: push audience not created: ${e.message})`));
  return { targets, file, row, other, doomed };
}

// ---- the browser ---------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: env('E2E_CHROMIUM'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});
let context;
let page;
let responses = []; // every response the page received during the current step
let consoleErrors = [];

async function newSession() {
  if (context) await context.close();
  context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  // note: the Dashboard loads fonts and images from the internet; this machine may have none
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (r) => r.abort());
  page = await context.newPage();
  page.on('response', async (r) => {
    const entry = { status: r.status(), method: r.request().method(), url: r.url(), body: '', request: '' };
    responses.push(entry);
    if (r.status() >= 400) {
      entry.body = (await r.text().catch(() => '')).slice(0, 400);
      const post = r.request().postData() || '';
      entry.request = post.replace(/"_(MasterKey|ApplicationId|InstallationId|ClientVersion)":"[^"]*",?/g, '').slice(0, 300);
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_FAILED|ERR_NAME_NOT_RESOLVED|ERR_INTERNET/.test(m.text())) {
      consoleErrors.push(m.text().slice(0, 300));
    }
  });
}

async function login(user, pass) {
  await page.goto(`${DASH}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', pass);
  await page.click('button[type=submit], input[type=submit]');
  await page.waitForURL(/\/apps/);
}

async function openClass(cls, query = '') {
  await page.goto(`${APP_URL}/browser/${cls}${query}`);
  await page.locator('#browser-table').waitFor();
  await page.waitForLoadState('networkidle');
}

/** Marks a data cell as [data-e2e=cell]: the row whose objectId is id (or the first row when
 * id is null), the column named col; returns its text. */
async function markCell(id, col) {
  return page.evaluate(([id, col]) => {
    document.querySelectorAll('[data-e2e]').forEach((e) => e.removeAttribute('data-e2e'));
    const table = document.querySelector('#browser-table');
    const headers = [...table.querySelectorAll('[draggable=true]')].map((h) => h.firstElementChild.textContent.trim());
    const rows = [...table.querySelectorAll('input[type=checkbox]')]
      .map((cb) => cb.closest('span')?.parentElement)
      .filter((r) => r && !r.querySelector('[draggable=true]') && r.children.length === headers.length + 1);
    const row = id === null ? rows[0] : rows.find((r) => r.children[1].textContent.trim() === id);
    if (!row) throw new Error(`no row ${id} among ${rows.length} rows (columns ${headers.join(',')})`);
    const i = headers.indexOf(col);
    if (i < 0) throw new Error(`no column ${col} among ${headers.join(',')}`);
    row.children[i + 1].setAttribute('data-e2e', 'cell');
    row.children[0].setAttribute('data-e2e', 'check');
    return row.children[i + 1].textContent.trim();
  }, [id, col]);
}
async function rowCount() {
  return page.evaluate(() => {
    const table = document.querySelector('#browser-table');
    const n = table.querySelectorAll('[draggable=true]').length;
    return [...table.querySelectorAll('input[type=checkbox]')]
      .map((cb) => cb.closest('span')?.parentElement)
      .filter((r) => r && !r.querySelector('[draggable=true]') && r.children.length === n + 1).length;
  });
}
async function editCell(id, col, value) {
  await markCell(id, col);
  const cell = page.locator('[data-e2e=cell]');
  await cell.scrollIntoViewIfNeeded();
  await cell.dblclick();
  const editor = page.locator('#browser-table :is(textarea, input:not([type=checkbox])):focus');
  await editor.waitFor();
  await editor.fill(String(value));
  await editor.press('Enter');
}
async function waitFor(fn, message, ms = 5000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) { last = e.message; }
    if (Date.now() > end) throw new Error(`${message} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- steps ---------------------------------------------------------------------------------
const results = [];
let stepNo = 0;
async function step(name, fn, { allow = () => false } = {}) {
  stepNo += 1;
  const tag = `${String(stepNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  responses = [];
  consoleErrors = [];
  const failures = [];
  const started = Date.now();
  try {
    await fn();
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
  }
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
  const bad = responses.filter((r) => r.status >= 400 && !allow(r));
  for (const r of bad) failures.push(`page got ${r.status} for ${r.method} ${r.url} ${r.request} -> ${r.body}`);
  await page.screenshot({ path: path.join(OUT, `${tag}.png`) }).catch(() => {});
  if (failures.length) {
    fs.writeFileSync(path.join(OUT, `${tag}.txt`), failures.join('\n') + '\n' + (consoleErrors.length
      ? `console errors:\n${consoleErrors.join('\n')}\n` : ''));
  }
  const ms = Date.now() - started;
  results.push({ name, ok: failures.length === 0, failures, ms });
  console.log(`${failures.length ? 'FAIL' : 'PASS'} ${tag} (${ms} ms)`);
  for (const f of failures) console.log(`     ${f}`);
}

const runStarted = Date.now();
let data;
try {
  data = await seed();
} catch (e) {
  console.log(`FAIL seed: ${e.message}`);
  process.exit(1);
}
await newSession();

await step('log in', async () => {
  await login(ADMIN_USER, ADMIN_PASS);
  await page.getByText(APP_NAME, { exact: true }).first().waitFor();
});

await step('app card shows the server version', async () => {
  const info = await rest('GET', '/serverInfo');
  check(info.parseServerVersion, `GET /serverInfo has no parseServerVersion: ${JSON.stringify(info)}`);
  await waitFor(async () => (await page.locator('body').innerText()).includes(info.parseServerVersion),
    `the app card does not show "${info.parseServerVersion}"`);
});

await step('class list', async () => {
  await openClass(CLASS);
  const schemas = (await rest('GET', '/schemas')).results.map((s) => s.className);
  for (const cls of [CLASS, TARGET]) {
    check(schemas.includes(cls), `GET /schemas lacks ${cls}`);
    await page.locator(`a[title="${cls}"]`).waitFor();
  }
  const n = await count(CLASS);
  await waitFor(async () => Number(await page.locator(`a[title="${CLASS}"] + span`).innerText()) === n,
    `the sidebar's count of ${CLASS} is not the REST count ${n}`);
});

await step('rows with every Parse type rendered', async () => {
  await page.setViewportSize({ width: 2800, height: 600 }); // every column in the screenshot
  const stored = await getObject(CLASS, data.row);
  const expected = {
    str: 'hello', num: '42', bool: 'True', date: '2 Jan 2024, 3:04:05 UTC', obj: '{"a":1,"b":"two"}',
    arr: '[1,"x"]', geo: '(40, -30)', file: 'e2e.txt', ptr: data.targets[0], rel: 'View relation',
    poly: '(0,0)(0,1)(1,1)(1,0)', bytes: 'aGVsbG8=',
  };
  const wrong = [];
  for (const [col, text] of Object.entries(expected)) {
    check(stored[col] !== undefined || col === 'rel', `REST: ${col} not stored`);
    const shown = await markCell(data.row, col).catch((e) => `<${e.message}>`);
    if (!shown.includes(text)) wrong.push(`${col}: shows ${JSON.stringify(shown)}, expected ${JSON.stringify(text)}`);
  }
  check(wrong.length === 0, wrong.join('; '));
});

await step('filter', async () => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.getByText('Filter', { exact: true }).click();
  const pop = page.locator('#browserFilterPopover');
  const field = pop.locator('input[role=combobox]').nth(1);
  await field.click();
  await field.fill('');
  await field.pressSequentially('str', { delay: 20 });
  await page.locator('[data-popover-type=inner] li').getByText('str', { exact: true }).click();
  // note: the condition dropdown opens on a React click handler a plain click misses here
  await pop.getByText('exists', { exact: true }).dispatchEvent('click');
  await page.locator('.chromeDropdown div').getByText('equals', { exact: true }).dispatchEvent('click');
  await pop.locator('input').last().fill('hello');
  await pop.getByText('Apply', { exact: true }).click();
  await page.waitForURL(/filters=/);
  await page.waitForLoadState('networkidle');
  const n = await count(CLASS, { str: 'hello' });
  await waitFor(async () => (await rowCount()) === n, `rows shown under the filter != REST count ${n}`);
  check(n === 1 && (await markCell(data.row, 'str')) === 'hello', 'the filtered row is not the seeded one');
});

await step('edit a string cell', async () => {
  await openClass(CLASS);
  await editCell(data.row, 'str', 'edited in the dashboard');
  await waitFor(async () => (await getObject(CLASS, data.row)).str === 'edited in the dashboard',
    'REST does not return the edited string');
});

await step('edit a number cell', async () => {
  await editCell(data.row, 'num', '4242');
  await waitFor(async () => (await getObject(CLASS, data.row)).num === 4242, 'REST does not return num 4242');
});

await step('add a row', async () => {
  const before = await count(CLASS);
  await page.locator('a').filter({ hasText: /^Add Row$/ }).first().click();
  await editCell(null, 'num', '777');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await waitFor(async () => (await count(CLASS)) === before + 1 && (await count(CLASS, { num: 777 })) === 1,
    `REST count is not ${before + 1} with one row num=777`);
});

await step('add a column', async () => {
  await page.getByText('Add a new column', { exact: true }).click();
  const modal = page.locator('[data-modal=true]');
  await modal.getByPlaceholder('Give it a good name...').fill('addedColumn');
  await modal.getByRole('button', { name: 'Add', exact: true }).click();
  await waitFor(async () => (await rest('GET', `/schemas/${CLASS}`)).fields.addedColumn?.type === 'String',
    'GET /schemas/E2EAll has no String field addedColumn');
  await page.locator('#browser-table [draggable=true]').getByText('addedColumn', { exact: true }).waitFor();
});

await step('delete a row', async () => {
  await openClass(CLASS);
  await markCell(data.doomed, 'str');
  await page.locator('[data-e2e=check] input[type=checkbox]').check();
  await page.getByText('Edit', { exact: true }).click();
  await page.getByText(/^Delete (this|these|selected) rows?$/).first().click();
  await page.locator('[data-modal=true]').getByRole('button', { name: /^Delete/ }).click();
  await waitFor(async () => (await count(CLASS, { objectId: data.doomed })) === 0, 'REST still finds the deleted row');
});

await step('relation view', async () => {
  await openClass(CLASS);
  await markCell(data.row, 'rel');
  await page.locator('[data-e2e=cell] a').click();
  await page.getByText(`'rel' on ${data.row}`).waitFor();
  await page.waitForLoadState('networkidle');
  const n = await count(TARGET, {
    $relatedTo: { object: { __type: 'Pointer', className: CLASS, objectId: data.row }, key: 'rel' },
  });
  check(n === 2, `REST $relatedTo counts ${n}, expected 2`);
  await waitFor(async () => (await rowCount()) === n, `the relation view does not show ${n} rows`);
  await markCell(data.targets[0], 'name');
});

await step('change a class-level permission', async () => {
  await openClass(CLASS);
  await page.getByText('Security', { exact: true }).click();
  await page.getByText('Class Level Permissions', { exact: true }).click();
  const modal = page.locator('[data-modal=true]');
  // the Public row's "Add field": on by default, turned off here
  const publicRow = modal.getByText('Public', { exact: true }).locator('..');
  await publicRow.getByText('Add field', { exact: true }).locator('..').click();
  await modal.getByRole('button', { name: 'Save CLP' }).click();
  await waitFor(async () => {
    const clp = (await rest('GET', `/schemas/${CLASS}`)).classLevelPermissions;
    return clp.addField && !clp.addField['*'] && clp.find?.['*'] === true && clp;
  }, 'GET /schemas/E2EAll: addField still public, or find no longer public');
});

await step('create a Config parameter and read it back', async () => {
  await page.goto(`${APP_URL}/config`);
  await page.getByText('Create a parameter', { exact: true }).first().click();
  const modal = page.locator('[data-modal=true]');
  await modal.getByPlaceholder('New parameter').fill('e2eGreeting');
  await modal.locator('textarea').fill('hello from the dashboard');
  await modal.getByRole('button', { name: 'Create', exact: true }).click();
  await waitFor(async () => (await rest('GET', '/config')).params.e2eGreeting === 'hello from the dashboard',
    'GET /config has no e2eGreeting = "hello from the dashboard"');
  // read back: a fresh page load lists it from the server
  await page.reload();
  await page.getByText('e2eGreeting', { exact: true }).waitFor();
  await page.getByText('hello from the dashboard').first().waitFor();
});

await step('API console', async () => {
  await page.goto(`${APP_URL}/api_console`);
  await page.getByPlaceholder('classes/_User').fill(`classes/${CLASS}/${data.row}`);
  await page.getByRole('button', { name: 'Send Query' }).click();
  const stored = await getObject(CLASS, data.row);
  await waitFor(async () => {
    const shown = await page.locator('pre').first().innerText();
    return shown.includes(`"${data.row}"`) && shown.includes(`"${stored.str}"`);
  }, `the console's result does not show ${data.row} with str "${stored.str}"`);
});

await step('Jobs page', async () => {
  await page.goto(`${APP_URL}/jobs`);
  const jobs = await rest('GET', '/cloud_code/jobs/data');
  check(JSON.stringify(jobs).includes('e2eJob'), `GET /cloud_code/jobs/data lacks e2eJob: ${JSON.stringify(jobs)}`);
  await page.waitForLoadState('networkidle');
  await page.goto(`${APP_URL}/jobs/all`);
  await page.getByText('e2eJob').first().waitFor();
});

await step('Push pages', async () => {
  await page.goto(`${APP_URL}/push/activity`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, `${String(stepNo).padStart(2, '0')}-push-activity.png`) });
  const audiences = await rest('GET', '/push_audiences');
  check((audiences.results || []).some((a) => a.name === 'E2E audience'),
    `GET /push_audiences lacks "E2E audience": ${JSON.stringify(audiences).slice(0, 300)}`);
  await page.goto(`${APP_URL}/push/new`);
  await page.getByText('E2E audience', { exact: true }).first().waitFor();
});

await step('Logs page', async () => {
  const logs = await rest('GET', '/scriptlog?level=info&n=20');
  check(Array.isArray(logs) && logs.length > 0, `GET /scriptlog: ${JSON.stringify(logs).slice(0, 200)}`);
  await page.goto(`${APP_URL}/logs`);
  await page.waitForLoadState('networkidle');
  const wanted = logs.map((l) => String(l.message).slice(0, 60));
  await waitFor(async () => {
    const text = await page.locator('body').innerText();
    return wanted.some((m) => text.includes(m));
  }, 'the Logs page shows none of the entries GET /scriptlog returns');
});

await step('read-only user is refused an edit (119)', async () => {
  await page.goto(`${DASH}/logout`);
  await newSession();
  responses = [];
  await login(VIEWER_USER, VIEWER_PASS);
  await openClass(CLASS);
  const before = (await getObject(CLASS, data.other)).str;
  const refused = page.waitForResponse((r) => r.status() >= 400 && r.url().startsWith(SERVER));
  await editCell(data.other, 'str', 'read-only edit');
  const r = await refused;
  const body = await r.json().catch(() => ({}));
  check(body.code === 119, `expected a 119 refusal, got ${r.status()} ${JSON.stringify(body)}`);
  await page.waitForTimeout(500);
  check((await getObject(CLASS, data.other)).str === before, 'the read-only edit was stored');
}, { allow: (r) => r.status === 400 && /"code":119/.test(r.body) });

await browser.close();
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} steps passed in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}`);
process.exit(failed.length ? 1 : 0);
