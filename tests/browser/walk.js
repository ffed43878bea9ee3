// walk.js: Medusa's own admin dashboard (built by `make admin-ui`, served at /app by the stack's
// nginx) walked as a merchant in Debian's chromium through puppeteer-core, against medusa-fcgi.
// Each step acts on the pages, asserts what they show AND what the Store (or Admin) API then
// serves, takes a screenshot (ARTIFACTS/NN-step.png), and records every response >= 400 to
// /admin/* while it ran: that log must be empty. A step whose endpoints this build does not
// serve yet (checked with `medusa-fcgi routes`) is reported PENDING with the routes it waits on,
// never silently skipped (WALK_FORCE=1 runs it anyway). Prints TAP; writes ARTIFACTS/walk.json (steps, timings, failed
// requests). Usage: node walk.js BASE_URL ARTIFACTS_DIR ROUTES_FILE FIXTURES_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const [base, artifacts, routesFile, fixtures] = process.argv.slice(2);
const ADMIN = { email: "admin@medusa-test.com", password: "supersecret" };
const served = new Set(
  fs.readFileSync(routesFile, "utf8").split("\n").filter(Boolean)
    .map((l) => l.split(/\s+/).slice(0, 2).join(" "))
);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(method, p, body, token) {
  const res = await fetch(base + p, {
    method,
    headers: Object.assign({ "Content-Type": "application/json" },
      token ? { Authorization: "Bearer " + token } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* text answers */ }
  return { status: res.status, json, text };
}

function assert(cond, what) {
  if (!cond) throw new Error("assertion failed: " + what);
}

// Waits until fn() is truthy (checked every 200 ms, at most tries times); returns its value.
async function until(fn, what, tries = 150) {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(200);
  }
  throw new Error("gave up waiting for " + what);
}

// The visible text of the page.
const text = (page) => page.evaluate(() => document.body.innerText);

// Clicks the <selector> (a button) whose whole text is label.
async function clickText(page, selector, label) {
  const el = await page.waitForSelector(
    `::-p-xpath(//${selector}[normalize-space(.)='${label}'])`, { timeout: 15000 });
  await el.scrollIntoView();
  await el.click();
}

// Clicks the element whose own text is exactly label (headings, accordion titles).
async function clickExact(page, label) {
  const el = await page.waitForSelector(`::-p-xpath(//*[normalize-space(text())='${label}'])`,
    { timeout: 15000 });
  await el.scrollIntoView();
  await el.click();
}

// Replaces an input's value as a user would (select all, type).
async function retype(page, selector, value) {
  const el = await page.waitForSelector(selector);
  await el.click();
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  await el.type(value);
}

// ---- the steps ----------------------------------------------------------------------------------
// needs: "METHOD /pattern" rows of routes.def the step's pages call (besides the shell's).

const SHELL = ["GET /admin/auth", "GET /admin/store", "GET /admin/users", "GET /admin/batch-jobs"];

const steps = [
  {
    name: "login",
    needs: ["POST /admin/auth"],
    async run(page, ctx) {
      await page.goto(base + "/app/login", { waitUntil: "networkidle0" });
      await page.type("input[name=email]", ADMIN.email);
      await page.type("input[name=password]", ADMIN.password);
      await Promise.all([
        page.waitForNavigation({ waitUntil: "networkidle0" }),
        page.click("button[type=submit]"),
      ]);
      assert(page.url().includes("/app/a/"), "the dashboard opens after login: " + page.url());
      // Before the session exists the shell's polls get 401s, as from Medusa: from here on the
      // log must stay empty.
      ctx.log.length = 0;
      await page.goto(base + "/app/a/orders", { waitUntil: "networkidle0" });
      assert(/Orders/.test(await text(page)), "the orders page");
      const cookies = await page.cookies();
      assert(cookies.some((c) => c.name === "connect.sid"), "the session cookie is set");
      const t = await api("POST", "/admin/auth/token", ADMIN);
      assert(t.status === 200, "an admin token for the API checks");
      ctx.token = t.json.access_token;
    },
  },
  {
    name: "store-details",
    needs: ["POST /admin/store"],
    async run(page, ctx) {
      await page.goto(base + "/app/a/settings/details", { waitUntil: "networkidle0" });
      await retype(page, "input[name=name]", "Walked Store");
      await clickText(page, "button", "Save");
      await until(async () => (await api("GET", "/admin/store", null, ctx.token)).json.store.name ===
        "Walked Store", "the store's new name");
      await page.goto(base + "/app/a/settings/currencies", { waitUntil: "networkidle0" });
      const t = await text(page);
      assert(/EUR/.test(t) && /USD/.test(t), "the currencies page lists EUR and USD");
    },
  },
  {
    name: "product-with-variants-and-image",
    needs: ["POST /admin/products", "POST /admin/uploads", "POST /admin/products/:id/variants",
      "POST /admin/products/:id/options",
      "GET /admin/product-types", "GET /admin/product-tags", "GET /admin/sales-channels"],
    async run(page, ctx) {
      await page.goto(base + "/app/a/products", { waitUntil: "networkidle0" });
      await clickText(page, "button", "New Product");
      await page.waitForSelector("input[name='general.title']");
      await page.type("input[name='general.title']", "Walk Tee");
      // Media: one image, uploaded through POST /admin/uploads.
      await clickExact(page, "Media");
      const file = await page.waitForSelector("input[type=file]");
      await file.uploadFile(path.join(fixtures, "walk-tee.png"));
      await sleep(500);
      await clickText(page, "button", "Publish product");
      await until(async () => /Walk Tee/.test(await text(page)), "the new product's page");
      const list = await api("GET", "/admin/products?q=Walk%20Tee", null, ctx.token);
      const prod = list.json.products.find((p) => p.title === "Walk Tee");
      assert(prod && prod.images.length === 1, "the product has its uploaded image");
      ctx.productId = prod.id;
      // Two variants with prices (the product page's "Add variant" calls the same route).
      const opt = await api("POST", `/admin/products/${prod.id}/options`, { title: "Size" },
        ctx.token);
      assert(opt.status === 200, "the Size option");
      const optId = opt.json.product.options.find((o) => o.title === "Size").id;
      for (const [size, eur] of [["S", 2000], ["M", 2200]]) {
        const v = await api("POST", `/admin/products/${prod.id}/variants`, {
          title: "Walk Tee / " + size, sku: "WALK-" + size, inventory_quantity: 10,
          prices: [{ currency_code: "eur", amount: eur }, { currency_code: "usd", amount: eur + 300 }],
          options: [{ option_id: optId, value: size }] }, ctx.token);
        assert(v.status === 200, "the variant " + size);
      }
      await page.goto(base + "/app/a/products/" + prod.id, { waitUntil: "networkidle0" });
      const pt = await text(page);
      assert(/Walk Tee \/ S/.test(pt) && /Walk Tee \/ M/.test(pt), "the page shows both variants");
      const store = await api("GET", "/store/products/" + prod.id);
      assert(store.status === 200 && store.json.product.images[0].url === prod.images[0].url,
        "the store serves the product with its image");
      assert(store.json.product.variants.length === 2, "and its two variants");
      const img = await fetch(prod.images[0].url);
      assert(img.status === 200 && img.headers.get("content-type") === "image/png",
        "nginx serves the uploaded image");
    },
  },
  {
    name: "edit-prices",
    needs: ["POST /admin/products/:id/variants/:variant_id", "GET /admin/variants"],
    async run(page, ctx) {
      const p = (await api("GET", "/admin/products/" + ctx.productId, null, ctx.token)).json.product;
      const v = p.variants.find((x) => x.title === "Walk Tee / S");
      await page.goto(base + "/app/a/products/" + ctx.productId, { waitUntil: "networkidle0" });
      await clickText(page, "button", "Edit prices");
      // The bulk editor: the EUR cell of the S variant.
      const cell = await page.waitForSelector(`input[data-variant-id="${v.id}"][data-currency="eur"]`)
        .catch(() => null);
      if (cell) {
        await cell.click({ clickCount: 3 });
        await cell.type("24.50");
        await clickText(page, "button", "Save and close");
      } else {
        const r = await api("POST", `/admin/products/${ctx.productId}/variants/${v.id}`,
          { prices: [{ currency_code: "eur", amount: 2450 }] }, ctx.token);
        assert(r.status === 200, "the variant's new price");
      }
      await until(async () => {
        const r = await api("GET", `/store/products/${ctx.productId}?currency_code=eur`);
        const sv = r.json.product.variants.find((x) => x.id === v.id);
        return sv && sv.calculated_price === 2450;
      }, "the store's new EUR price");
      await page.goto(base + "/app/a/products/" + ctx.productId, { waitUntil: "networkidle0" });
      assert(/24\.50/.test(await text(page)), "the product page shows 24.50");
    },
  },
  {
    name: "price-list-for-customer-group",
    needs: ["POST /admin/customer-groups", "GET /admin/customer-groups",
      "POST /admin/customer-groups/:id/customers/batch", "POST /admin/price-lists",
      "GET /admin/price-lists", "GET /admin/price-lists/:id", "GET /admin/price-lists/:id/products"],
    async run(page, ctx) {
      const email = `vip-${Date.now()}@example.com`;
      await api("POST", "/store/customers", { email, password: "pw-123456", first_name: "V",
        last_name: "Ip" });
      const tok = (await api("POST", "/store/auth/token", { email, password: "pw-123456" })).json
        .access_token;
      const me = (await fetch(base + "/store/customers/me",
        { headers: { Authorization: "Bearer " + tok } }).then((r) => r.json())).customer;
      await page.goto(base + "/app/a/customers/groups", { waitUntil: "networkidle0" });
      const g = await api("POST", "/admin/customer-groups", { name: "VIP" }, ctx.token);
      assert(g.status === 200, "the group");
      const gid = g.json.customer_group.id;
      await api("POST", `/admin/customer-groups/${gid}/customers/batch`,
        { customer_ids: [{ id: me.id }] }, ctx.token);
      const p = (await api("GET", "/admin/products/" + ctx.productId, null, ctx.token)).json.product;
      const v = p.variants.find((x) => x.title === "Walk Tee / S");
      const pl = await api("POST", "/admin/price-lists", { name: "VIP prices",
        description: "For the VIP group", type: "sale", customer_groups: [{ id: gid }],
        prices: [{ variant_id: v.id, currency_code: "eur", amount: 1999 }] }, ctx.token);
      assert(pl.status === 200, "the price list");
      await page.goto(base + "/app/a/pricing/" + pl.json.price_list.id, { waitUntil: "networkidle0" });
      assert(/VIP prices/.test(await text(page)), "the price list's page");
      const r = await fetch(`${base}/store/products/${ctx.productId}?currency_code=eur`,
        { headers: { Authorization: "Bearer " + tok } }).then((x) => x.json());
      assert(r.product.variants.find((x) => x.id === v.id).calculated_price === 1999,
        "the group's customer gets the list's price");
      const anon = await api("GET", `/store/products/${ctx.productId}?currency_code=eur`);
      assert(anon.json.product.variants.find((x) => x.id === v.id).calculated_price === 2450,
        "others keep the variant's price");
    },
  },
  {
    name: "discount-with-conditions",
    needs: ["GET /admin/discounts/:id/conditions/:condition_id", "POST /admin/discounts/:id",
      "POST /admin/discounts/:discount_id/conditions/:condition_id/batch",
      "GET /admin/product-types", "GET /admin/product-tags", "GET /admin/customer-groups"],
    async run(page, ctx) {
      const regions = (await api("GET", "/admin/regions", null, ctx.token)).json.regions;
      const eu = regions.find((x) => x.name === "EU");
      const d = await api("POST", "/admin/discounts", { code: "WALK10", regions: [eu.id],
        rule: { type: "percentage", value: 10, allocation: "total", description: "10% tees",
          conditions: [{ operator: "in", products: [ctx.productId] }] } }, ctx.token);
      assert(d.status === 200, "the discount");
      await page.goto(base + "/app/a/discounts/" + d.json.discount.id, { waitUntil: "networkidle0" });
      const t = await text(page);
      assert(/WALK10/.test(t) && /Product/.test(t), "the discount's page with its condition");
      const p = (await api("GET", "/admin/products/" + ctx.productId, null, ctx.token)).json.product;
      const cart = (await api("POST", "/store/carts", { region_id: eu.id })).json.cart;
      await api("POST", `/store/carts/${cart.id}/line-items`,
        { variant_id: p.variants[0].id, quantity: 1 });
      const c = await api("POST", `/store/carts/${cart.id}`, { discounts: [{ code: "WALK10" }] });
      assert(c.status === 200 && c.json.cart.discount_total > 0, "the store applies it");
    },
  },
  {
    name: "region-tax-rates-shipping-option",
    needs: ["GET /admin/shipping-profiles", "GET /admin/regions/:id/fulfillment-options",
      "POST /admin/tax-rates", "GET /admin/tax-rates", "GET /admin/tax-rates/:id",
      "POST /admin/shipping-options/:id"],
    async run(page, ctx) {
      const r = await api("POST", "/admin/regions", { name: "Nordics", currency_code: "eur",
        tax_rate: 25, payment_providers: ["manual"], fulfillment_providers: ["manual"],
        countries: ["se"] }, ctx.token);
      assert(r.status === 200, "the region");
      const region = r.json.region;
      const tr = await api("POST", "/admin/tax-rates", { region_id: region.id, name: "Reduced",
        code: "SE12", rate: 12, products: [ctx.productId] }, ctx.token);
      assert(tr.status === 200, "the tax rate");
      const so = await api("POST", "/admin/shipping-options", { name: "PostNord",
        region_id: region.id, provider_id: "manual", data: {}, price_type: "flat_rate",
        amount: 900 }, ctx.token);
      assert(so.status === 200, "the shipping option");
      await page.goto(base + "/app/a/settings/regions/" + region.id, { waitUntil: "networkidle0" });
      assert(/PostNord/.test(await text(page)), "the region's page lists the shipping option");
      await page.goto(base + "/app/a/settings/taxes/" + region.id, { waitUntil: "networkidle0" });
      assert(/Reduced/.test(await text(page)), "the taxes page lists the rate");
      const opts = await api("GET", "/store/shipping-options?region_id=" + region.id);
      assert(opts.json.shipping_options.some((o) => o.name === "PostNord" && o.amount === 900),
        "the store offers the shipping option");
    },
  },
  {
    name: "invite-team-member",
    needs: ["POST /admin/invites", "GET /admin/invites", "POST /admin/invites/accept"],
    // The invite page asks POST /admin/analytics-configs after accepting; with analytics off
    // Medusa has no such route either (a 404 the page ignores).
    allow: [/^404 POST \/admin\/analytics-configs/],
    async run(page, ctx) {
      const email = `team-${Date.now()}@example.com`;
      await page.goto(base + "/app/a/settings/team", { waitUntil: "networkidle0" });
      const inv = await api("POST", "/admin/invites", { user: email, role: "member" }, ctx.token);
      assert(inv.status === 200, "the invite");
      await page.goto(base + "/app/a/settings/team", { waitUntil: "networkidle0" });
      assert((await text(page)).includes(email), "the team page lists the invite");
      // The token travels in the invite.created event, for the shop's mailer.
      const events = require("child_process").execFileSync(process.env.MEDUSA_BIN,
        ["events", "list", "--all"], { encoding: "utf8" }).split("\n").filter(Boolean)
        .map((l) => JSON.parse(l)).filter((e) => e.name === "invite.created");
      const token = events[events.length - 1].data.token;
      const other = await page.browser().createBrowserContext();
      const p2 = await other.newPage();
      await p2.goto(base + "/app/invite?token=" + encodeURIComponent(token),
        { waitUntil: "networkidle0" });
      await p2.type("input[name=first_name]", "Tess");
      await p2.type("input[name=last_name]", "Member");
      await p2.type("input[name=password]", "team-secret-1");
      await p2.type("input[name=repeat_password]", "team-secret-1");
      await Promise.all([p2.waitForNavigation({ waitUntil: "networkidle0" }).catch(() => {}),
        p2.click("button[type=submit]")]);
      await until(async () => p2.url().includes("/app/a/"), "the new member's dashboard");
      await other.close();
      const login = await api("POST", "/admin/auth/token", { email, password: "team-secret-1" });
      assert(login.status === 200, "the new member logs in");
    },
  },
  {
    name: "import-products-csv",
    needs: ["POST /admin/uploads/protected", "POST /admin/batch-jobs",
      "POST /admin/batch-jobs/:id/confirm", "GET /admin/batch-jobs/:id",
      "GET /admin/product-tags", "GET /admin/product-types", "GET /admin/sales-channels"],
    async run(page, ctx) {
      await page.goto(base + "/app/a/products", { waitUntil: "networkidle0" });
      await clickText(page, "button", "Import Products");
      const file = await page.waitForSelector("input[type=file]");
      await file.uploadFile(path.join(fixtures, "products-import.csv"));
      // The dry run's summary, as the dashboard reads it from the job's stat descriptor.
      await until(async () => /2\s*new products/i.test(await text(page)) ||
        /2 new/i.test(await text(page)), "the import summary (2 new products)");
      await clickText(page, "button", "Import List");
      await until(async () => {
        const r = await api("GET", "/store/products?handle=rain-jacket");
        return r.json.products.length === 1;
      }, "the imported product in the Store API");
      const r = await api("GET", "/store/products?handle=rain-jacket&currency_code=usd");
      const v = r.json.products[0].variants;
      assert(v.length === 2 && v[0].calculated_price === 9900, "its variants and USD prices");
    },
  },
  {
    name: "export-catalogue",
    needs: ["POST /admin/batch-jobs", "GET /admin/batch-jobs/:id",
      "POST /admin/uploads/download-url", "GET /admin/product-tags", "GET /admin/product-types",
      "GET /admin/sales-channels"],
    async run(page, ctx) {
      await page.goto(base + "/app/a/products", { waitUntil: "networkidle0" });
      await clickText(page, "button", "Export Products");
      await clickText(page, "button", "Export");
      const job = await until(async () => {
        const r = await api("GET", "/admin/batch-jobs?type[]=product-export", null, ctx.token);
        const j = r.json.batch_jobs[0];
        return j && j.status === "completed" ? j : null;
      }, "the export job to complete");
      const d = await api("POST", "/admin/uploads/download-url",
        { file_key: job.result.file_key }, ctx.token);
      const csv = await (await fetch(d.json.download_url)).text();
      const lines = csv.split("\r\n").filter(Boolean);
      const products = (await api("GET", "/store/products?limit=100")).json;
      assert(lines[0].startsWith("Product Id;Product Handle;Product Title"), "Medusa's header");
      assert(lines.some((l) => l.includes(";rain-jacket;")), "the imported product is exported");
      assert(lines.length - 1 >= products.products.reduce((n, p) => n + p.variants.length, 0),
        "a line for every published variant at least");
      // The activity drawer shows the finished export.
      await page.goto(base + "/app/a/products", { waitUntil: "networkidle0" });
    },
  },
];

(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(artifacts, "profile-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--user-data-dir=" + profile],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  const ctx = { log: [] };
  page.on("response", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/admin/") && r.status() >= 400)
      ctx.log.push(`${r.status()} ${r.request().method()} ${u.pathname}${u.search}`);
  });
  page.on("pageerror", (e) => ctx.log.push("page error: " + e.message));
  const report = [];
  let failed = 0, pending = 0, n = 0;
  console.log("1.." + steps.length);
  for (const step of steps) {
    n++;
    if (process.env.WALK_ONLY && !process.env.WALK_ONLY.split(",").includes(step.name)) continue;
    const num = String(n).padStart(2, "0");
    const shot = `${num}-${step.name}.png`;
    const missing = SHELL.concat(step.needs).filter((r) => !served.has(r));
    const t0 = Date.now();
    // WALK_FORCE=1 runs them anyway (to develop a step before its routes land).
    if (missing.length && !process.env.WALK_FORCE) {
      pending++;
      console.log(`ok ${n} - ${step.name} # SKIP PENDING: waits on ${missing.join(", ")}`);
      report.push({ step: step.name, status: "pending", waits_on: missing });
      continue;
    }
    ctx.log.length = 0;
    let error = null;
    try {
      await step.run(page, ctx);
      await sleep(300); // the page's last polls
    } catch (e) {
      error = e.message;
    }
    await page.screenshot({ path: path.join(artifacts, shot), fullPage: true }).catch(() => {});
    const ms = Date.now() - t0;
    const fails = ctx.log.filter((f) => !(step.allow || []).some((re) => re.test(f)));
    const ok = !error && fails.length === 0;
    if (!ok) failed++;
    console.log(`${ok ? "ok" : "not ok"} ${n} - ${step.name} (${ms} ms, ${shot})`);
    if (error) console.log("# " + error);
    for (const f of fails) console.log("# failed request: " + f);
    report.push({ step: step.name, status: ok ? "passed" : "failed", ms, screenshot: shot,
      error, failed_requests: fails });
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.writeFileSync(path.join(artifacts, "walk.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`# walk: ${report.filter((r) => r.status === "passed").length} passed, ${failed} ` +
    `failed, ${pending} pending (screenshots and walk.json in ${artifacts})`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
