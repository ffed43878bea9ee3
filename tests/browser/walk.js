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

// The loads (GETs on render) of each dashboard area, from endpoints.tsv (what @medusajs/admin-ui
// 2.1.18 calls), leaving out those behind the analytics flag or the inventory modules (off in
// GET /admin/store): a page of the tour is pending while one of its area's loads is not served.
const areaLoads = {};
for (const line of fs.readFileSync(path.join(__dirname, "endpoints.tsv"), "utf8").split("\n")
  .slice(1).filter(Boolean)) {
  const [mp, areas, , kind, gate] = line.split("\t");
  if (kind !== "load" || gate === "flag:analytics" || gate.startsWith("module:")) continue;
  for (const a of areas.split(";")) (areaLoads[a] = areaLoads[a] || []).push(mp);
}
const norm = (r) => r.replace(/:[A-Za-z_*]+/g, ":*");
const servedNorm = new Set([...served].map(norm));

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

// Closes the notifications shown (3 s each, top right, over the pages' action buttons), as a
// merchant clicks their cross.
async function closeToasts(page) {
  for (const b of await page.$$("div[style*='inset: 74px 24px 24px'] button"))
    await b.click().catch(() => {});
}

// Clicks el once nothing covers it (a notification may arrive at any time: a finished import's).
async function clickFree(page, el) {
  await el.scrollIntoView();
  for (let i = 0; i < 20; i++) {
    const free = await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!at && (at === e || e.contains(at));
    });
    if (free) break;
    await closeToasts(page);
    await sleep(250);
  }
  await el.click();
}

// Clicks the <selector> (a button) whose whole text is label.
async function clickText(page, selector, label) {
  await clickFree(page, await page.waitForSelector(
    `::-p-xpath(//${selector}[normalize-space(.)='${label}'])`, { timeout: 15000 }));
}

// Clicks the element whose own text is exactly label (headings, accordion titles).
async function clickExact(page, label) {
  await clickFree(page, await page.waitForSelector(
    `::-p-xpath(//*[normalize-space(text())='${label}'])`, { timeout: 15000 }));
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

// Waits until no request to our origin has been in flight for 500 ms (at most 15 s): the page's
// loads are answered. (Requests elsewhere, like the demo products' pictures on Medusa's S3, may
// hang on DNS offline and are not waited for.)
// (A document left behind may leave its requests without an end event: only those started
// since `since` count.)
async function settled(ctx, since) {
  const pending = () => [...ctx.inflight].filter(([, t]) => t >= since).map(([r]) => r.url());
  let quiet = 0;
  for (let i = 0; i < 150 && quiet < 5; i++) {
    quiet = pending().length ? 0 : quiet + 1;
    await sleep(100);
  }
  if (quiet < 5) console.log("# still in flight after 15 s: " + pending().join(" "));
}

// Opens a page of the dashboard as a merchant does, from within the dashboard (its router
// follows the history: no full load), and waits until it is drawn and its requests answered.
// A full load (the first, or from outside the dashboard) is waited on until the sidebar is
// drawn: headless chromium on a loaded machine sometimes leaves the dashboard on its session
// spinner after a full load although every request was answered (GET /admin/auth 200 with the
// user; a race in the dashboard between its lazy routes, translations and session query). Such
// a page is loaded once more and the reload is reported (walk.json: reloads).
async function visit(page, ctx, p) {
  const drawn = () => page.waitForFunction(
    () => !!document.querySelector("a[href='/app/a/settings']"), { timeout: 15000 })
    .then(() => true, () => false);
  const here = new URL(page.url());
  if (here.pathname === new URL(base + p).pathname && await drawn()) {
    await settled(ctx, 0); // there already (its data kept fresh by the dashboard's own saves)
    return;
  }
  if (here.pathname.startsWith("/app/a/") && await drawn()) {
    const since = Date.now();
    await page.evaluate((to) => {
      window.history.pushState({ idx: (window.history.state?.idx ?? 0) + 1 }, "", to);
      window.dispatchEvent(new PopStateEvent("popstate", { state: window.history.state }));
    }, p);
    // (Pages add their parameters, ?offset=0&limit=15, or go on to their first item:
    // /a/settings/regions to /a/settings/regions/reg_...)
    const want = new URL(base + p).pathname;
    await until(async () => new URL(page.url()).pathname.startsWith(want),
      "the dashboard at " + p);
    await settled(ctx, since);
    await closeToasts(page);
    return;
  }
  await fullLoad(page, ctx, p);
}

// Loads page p of the dashboard afresh (as the browser's reload does: the dashboard keeps what it
// fetched for minutes), loading it once more when it stays on its session spinner (see visit).
async function fullLoad(page, ctx, p) {
  const drawn = () => page.waitForFunction(
    () => !!document.querySelector("a[href='/app/a/settings']"), { timeout: 15000 })
    .then(() => true, () => false);
  for (let attempt = 0; ; attempt++) {
    // From a blank page: loading the dashboard over itself (the same document) left it on its
    // spinner about one time in three after a dialog had been used; from about:blank, never in
    // the runs we made.
    await page.goto("about:blank");
    await page.goto(base + p, { waitUntil: "networkidle0" });
    if (await drawn()) return;
    if (attempt) throw new Error("the dashboard stays on its spinner at " + p);
    ctx.reloads.push(p);
  }
}

// Opens the order page's timeline menu (its "..." button) and chooses label in it.
async function timelineAction(page, label) {
  await clickFree(page, await page.waitForSelector(
    "::-p-xpath(//*[normalize-space(text())='Timeline']/following::button[1])"));
  await clickText(page, "*[@role='menuitem']", label);
}

// Chooses option in the react-select whose placeholder is shown (typing typed first to filter).
// A multi-select's menu stays open: multi closes it with a click on the page's margin.
async function pick(page, placeholder, typed, option, multi) {
  const el = await page.waitForSelector(`::-p-xpath(//*[normalize-space(text())='${placeholder}'])`,
    { timeout: 15000 });
  await el.click();
  if (typed) await page.keyboard.type(typed);
  const opt = await page.waitForSelector(
    `::-p-xpath(//*[contains(@id,'-option-')][normalize-space(.)='${option}'])`, { timeout: 15000 });
  await opt.click();
  if (multi) {
    await sleep(200);
    await page.mouse.click(5, 450);
  }
}

// On a product's page: the variants section's menu, Edit Prices, a grid of variants by currency
// (EUR then USD here); a cell is edited on a double click, Enter keeps the value. rows: [variant
// title, EUR, USD?]. Saved and confirmed.
async function editPrices(page, rows) {
  await clickFree(page, await page.waitForSelector(
    "::-p-xpath(//*[normalize-space(text())='Variants']/following::button[1])"));
  await clickText(page, "*[@role='menuitem']", "Edit Prices");
  for (const [title, ...prices] of rows) {
    for (const [i, price] of prices.entries()) {
      const cell = await page.waitForSelector(
        `::-p-xpath((//table)[last()]//tr[td[1][contains(., '${title}')]]/td[${i + 2}])`);
      await cell.click({ count: 2 });
      await sleep(300);
      await page.keyboard.down("Control");
      await page.keyboard.press("a");
      await page.keyboard.up("Control");
      await page.keyboard.type(price);
      await page.keyboard.press("Enter");
    }
  }
  await clickText(page, "button", "Save and close");
  await clickText(page, "button", "Save changes");
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
      // Before the session exists the shell's polls get 401s, as from Medusa (one may be
      // answered after the login): from here on the log of requests sent must stay empty.
      ctx.log.length = 0;
      ctx.logSince = Date.now();
      await visit(page, ctx, "/app/a/orders");
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
      await visit(page, ctx, "/app/a/settings/details");
      await retype(page, "input[name=name]", "Walked Store");
      await clickText(page, "button", "Save");
      await until(async () => (await api("GET", "/admin/store", null, ctx.token)).json.store.name ===
        "Walked Store", "the store's new name");
      await visit(page, ctx, "/app/a/settings/currencies");
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
      await visit(page, ctx, "/app/a/products");
      await clickText(page, "button", "New Product");
      await page.waitForSelector("input[name='general.title']");
      await page.type("input[name='general.title']", "Walk Tee");
      // Variants: an option Size with S and M, then a variant of each with its SKU and stock.
      await clickExact(page, "Variants");
      await clickText(page, "button", "Add an option");
      await page.type("input[name='variants.options.0.title']", "Size");
      await (await page.waitForSelector("input#tag-input")).click();
      await page.keyboard.type("S,M,"); // the values are comma separated
      for (const size of ["S", "M"]) {
        await clickText(page, "button", "Add a variant");
        const title = await page.waitForSelector("input[placeholder='Green / XL...']");
        await title.type("Walk Tee / " + size);
        await pick(page, "Choose an option", "", size);
        await clickExact(page, "Stock & Inventory");
        await (await page.waitForSelector("input[name='stock.sku']")).type("WALK-" + size);
        await (await page.waitForSelector("input[name='stock.inventory_quantity']")).type("10");
        await clickText(page, "div[@role='dialog']//button", "Save and close");
        await until(async () => (await text(page)).includes("Walk Tee / " + size),
          "the variant " + size + " in the form");
      }
      // Media: one image, uploaded through POST /admin/uploads.
      await clickExact(page, "Media");
      const file = await page.waitForSelector("input[type=file]");
      await file.uploadFile(path.join(fixtures, "walk-tee.png"));
      await sleep(500);
      await clickText(page, "button", "Publish product");
      await until(async () => /\/app\/a\/products\/prod_/.test(page.url()), "the new product's page");
      const list = await api("GET", "/admin/products?q=Walk%20Tee", null, ctx.token);
      const prod = list.json.products.find((p) => p.title === "Walk Tee");
      assert(prod && prod.images.length === 1, "the product has its uploaded image");
      assert(prod.options.length === 1 && prod.options[0].title === "Size" &&
        prod.variants.length === 2 && prod.variants.every((v) => v.inventory_quantity === 10),
        "the product has its option and two variants with their stock");
      ctx.productId = prod.id;
      // Their prices, in the variants section's Edit Prices grid.
      await editPrices(page, [["Walk Tee / S", "20.00", "23.00"], ["Walk Tee / M", "22.00", "25.00"]]);
      await until(async () => (await api("GET", "/admin/products/" + prod.id, null, ctx.token)).json
        .product.variants.every((v) => v.prices.length === 2), "the variants' prices");
      await visit(page, ctx, "/app/a/products/" + prod.id);
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
      await visit(page, ctx, "/app/a/products/" + ctx.productId);
      await editPrices(page, [["Walk Tee / S", "24.50"]]);
      await until(async () => {
        const r = await api("GET", `/store/products/${ctx.productId}?currency_code=eur`);
        const sv = r.json.product.variants.find((x) => x.id === v.id);
        return sv && sv.calculated_price === 2450;
      }, "the store's new EUR price");
      const av = (await api("GET", "/admin/variants/" + v.id, null, ctx.token)).json.variant;
      assert(av.prices.some((x) => x.currency_code === "eur" && x.amount === 2450) &&
        av.prices.some((x) => x.currency_code === "usd" && x.amount === 2300),
        "the Admin API's variant: EUR 24.50, USD unchanged");
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
      await visit(page, ctx, "/app/a/customers/groups");
      const g = await api("POST", "/admin/customer-groups", { name: "VIP" }, ctx.token);
      assert(g.status === 200, "the group");
      const gid = g.json.customer_group.id;
      await api("POST", `/admin/customer-groups/${gid}/customers/batch`,
        { customer_ids: [{ id: me.id }] }, ctx.token);
      const p = (await api("GET", "/admin/products/" + ctx.productId, null, ctx.token)).json.product;
      const v = p.variants.find((x) => x.title === "Walk Tee / S");
      const pl = await api("POST", "/admin/price-lists", { name: "VIP prices",
        description: "For the VIP group", type: "sale", status: "active",
        customer_groups: [{ id: gid }],
        prices: [{ variant_id: v.id, currency_code: "eur", amount: 1999 }] }, ctx.token);
      assert(pl.status === 200, "the price list");
      await visit(page, ctx, "/app/a/pricing/" + pl.json.price_list.id);
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
      await visit(page, ctx, "/app/a/discounts/" + d.json.discount.id);
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
    needs: ["POST /admin/regions", "GET /admin/shipping-profiles",
      "GET /admin/regions/:id/fulfillment-options", "POST /admin/shipping-options",
      "POST /admin/tax-rates", "GET /admin/tax-rates", "GET /admin/store/tax-providers"],
    async run(page, ctx) {
      // The region, in the regions page's full-screen form.
      await visit(page, ctx, "/app/a/settings/regions");
      await (await page.waitForSelector(
        "::-p-xpath(//*[normalize-space(text())='Regions']/following::button[1])")).click();
      await page.waitForSelector("input[name='details.name']");
      await page.type("input[name='details.name']", "Baltics");
      await pick(page, "Choose currency", "EUR", "Euro");
      await page.type("input[name='details.tax_rate']", "21");
      await page.type("input[name='details.tax_code']", "BALT");
      await pick(page, "Choose countries", "Eston", "Estonia", true);
      await clickExact(page, "Providers");
      await pick(page, "Choose payment providers...", "", "Manual", true);
      await pick(page, "Choose fulfillment providers...", "", "Manual", true);
      await clickText(page, "button", "Create region");
      const region = await until(async () => (await api("GET", "/admin/regions", null, ctx.token))
        .json.regions.find((r) => r.name === "Baltics"), "the new region");
      assert(region.tax_rate === 21 && region.countries.map((c) => c.iso_2).join() === "ee" &&
        region.currency_code === "eur", "the region as entered");
      // A shipping option on the region's page, visible in the store.
      await visit(page, ctx, "/app/a/settings/regions/" + region.id);
      await clickText(page, "button", "Add Option");
      await page.waitForSelector("input[name=name]");
      await (await page.waitForSelector("div[role=dialog] button[role=switch]")).click();
      await page.type("input[name=name]", "PostNord");
      await pick(page, "Choose a price type", "", "Flat Rate");
      await (await page.waitForSelector(
        "::-p-xpath((//div[@role='dialog']//input[@placeholder='-'])[1])")).type("9.00");
      await pick(page, "Choose a shipping profile", "", "Default Shipping Profile");
      await pick(page, "Choose a fulfillment method", "", "manual-fulfillment via Manual");
      await clickText(page, "button", "Save and close");
      await until(async () => /PostNord/.test(await text(page)),
        "the region's page lists the shipping option");
      // A reduced tax rate for one product, on the region's taxes page.
      await visit(page, ctx, "/app/a/settings/taxes/" + region.id);
      await clickText(page, "button", "New Tax Rate");
      await page.type("input[name='details.name']", "Reduced");
      await page.type("input[name='details.rate']", "9");
      await page.type("input[name='details.code']", "BALT9");
      await clickText(page, "button", "Add Overrides");
      // The row's checkbox is styled over: clicked as the DOM node.
      await (await page.waitForSelector(
        "::-p-xpath(//tr[contains(., 'Medusa Hoodie')]//input[@type='checkbox'])"))
        .evaluate((e) => e.click());
      await clickText(page, "button", "Add");
      await until(async () => /Applies to 1 product/.test(await text(page)), "the product rule");
      await sleep(800); // the layered modal slides back to its first screen
      await clickText(page, "button", "Create");
      await until(async () => /BALT9/.test(await text(page)), "the taxes page lists the rate");
      // What the Store API then serves: the option, and a hoodie taxed at 9 %.
      const opts = await api("GET", "/store/shipping-options?region_id=" + region.id);
      assert(opts.json.shipping_options.some((o) => o.name === "PostNord" && o.amount === 900),
        "the store offers the shipping option");
      const hoodie = (await api("GET", "/store/products?handle=hoodie")).json.products[0];
      const cart = (await api("POST", "/store/carts", { region_id: region.id })).json.cart;
      const c = await api("POST", `/store/carts/${cart.id}/line-items`,
        { variant_id: hoodie.variants[0].id, quantity: 1 });
      const item = c.json.cart.items[0];
      assert(c.status === 200 && item.tax_lines.length === 1 && item.tax_lines[0].rate === 9 &&
        item.tax_lines[0].code === "BALT9", "the hoodie is taxed at the product's rate");
    },
  },
  {
    name: "invite-team-member",
    needs: ["POST /admin/invites", "GET /admin/invites", "POST /admin/invites/accept"],
    // The invite page asks POST /admin/analytics-configs after accepting; with analytics off
    // Medusa has no such route either (a 404 the page ignores).
    allow: [/^invitee: 404 POST \/admin\/analytics-configs/],
    async run(page, ctx) {
      const email = `team-${Date.now()}@example.com`;
      await visit(page, ctx, "/app/a/settings/team");
      await clickText(page, "button", "Invite Users");
      await page.type("input[name=user]", email);
      await clickText(page, "button", "Invite"); // the role stays Member
      await until(async () => (await text(page)).includes(email), "the team page lists the invite");
      const invites = (await api("GET", "/admin/invites", null, ctx.token)).json.invites;
      assert(invites.some((i) => i.user_email === email && i.role === "member" && !i.accepted),
        "the invite is pending, as a member");
      // The token travels in the invite.created event, for the shop's mailer.
      const events = require("child_process").execFileSync(process.env.MEDUSA_BIN,
        ["events", "list", "--all"], { encoding: "utf8" }).split("\n").filter(Boolean)
        .map((l) => JSON.parse(l)).filter((e) => e.name === "invite.created");
      const token = events[events.length - 1].data.token;
      // The invitee, in a browser of their own: the invite page, Sign up, a password.
      const other = await page.browser().createBrowserContext();
      const p2 = await other.newPage();
      // Its log: the actions, then every request once logged in (before, the shell's polls get
      // 401s, as from Medusa).
      let joined = false;
      p2.on("response", (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith("/admin/") && r.status() >= 400 &&
            (joined || r.request().method() !== "GET"))
          ctx.log.push(`invitee: ${r.status()} ${r.request().method()} ${u.pathname}${u.search}`);
      });
      await p2.goto(base + "/app/invite?token=" + encodeURIComponent(token),
        { waitUntil: "networkidle0" });
      assert(/You have been invited to join the team/.test(await text(p2)), "the invite page");
      await clickText(p2, "button", "Sign up");
      await p2.waitForSelector("input[name=password]");
      await p2.type("input[name=password]", "team-secret-1");
      await p2.type("input[name=repeat_password]", "team-secret-1");
      await clickText(p2, "button", "Create account");
      await until(async () => p2.url().includes("/app/a/orders"), "the new member's dashboard");
      joined = true;
      await p2.reload({ waitUntil: "networkidle0" });
      assert(/Orders/.test(await text(p2)), "the new member sees the orders");
      await p2.screenshot({ path: path.join(ctx.artifacts, ctx.shot.replace(".png", "-invitee.png")),
        fullPage: true }).catch(() => {});
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
      await visit(page, ctx, "/app/a/products");
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
      await visit(page, ctx, "/app/a/products");
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
      // The activity drawer (the bell) offers the finished export for download. The dashboard
      // polls the jobs with a back-off (2 s growing to 60 s), so a slow export may be shown still
      // running for a minute: the page is loaded afresh, as a merchant would, and read at once.
      await fullLoad(page, ctx, "/app/a/products");
      await clickFree(page, await page.waitForSelector("button.btn-ghost.h-8.w-8:not(.mr-3)"));
      await page.waitForSelector("::-p-xpath(//button[normalize-space(.)='Download'])",
        { timeout: 30000 });
      const [dl] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/admin/uploads/download-url"),
          { timeout: 15000 }),
        clickText(page, "button", "Download"),
      ]);
      assert(dl.status() === 200 && (await dl.json()).download_url === d.json.download_url,
        "the drawer's Download asks for the export's URL");
    },
  },
  {
    // The merchant's day on the order page (issue 15). An order placed through the Store API is,
    // by clicking the page: captured, given a note on its timeline, partly fulfilled (the
    // fulfilment dialog), exchanged (Register Exchange: a tee for a hoodie, which the customer
    // then pays through the Store API), given a replacement claim (Register Claim: item, reason, note, a
    // hoodie sent), a return of one unit requested (Request Return) and received with its unit
    // restocked (Receive Return), and partly refunded (the refund dialog). The rest goes through
    // the Admin API the page's dialogs call (the other units fulfilled and shipped, the claim's
    // replacement fulfilled and shipped, the exchange's difference processed, a notification the event hook sent, resent); the order page, reloaded, then shows it all
    // with every request it makes answered; and a draft order is created and marked paid.
    name: "merchant-day",
    needs: ["POST /admin/orders/:id/capture", "POST /admin/orders/:id/fulfillment",
      "POST /admin/orders/:id/shipment", "POST /admin/orders/:id/refund",
      "POST /admin/orders/:id/return", "POST /admin/returns/:id/receive",
      "POST /admin/orders/:id/claims", "POST /admin/orders/:id/claims/:claim_id/fulfillments",
      "POST /admin/orders/:id/claims/:claim_id/shipments", "POST /admin/orders/:id/swaps",
      "POST /admin/orders/:id/swaps/:swap_id/process-payment", "GET /admin/notes",
      "POST /admin/notes", "GET /admin/notifications", "POST /admin/notifications/:id/resend",
      "POST /admin/draft-orders", "POST /admin/draft-orders/:id/pay", "GET /admin/order-edits"],
    async run(page, ctx) {
      const A = (m, p, b) => api(m, p, b, ctx.token);
      const eu = (await api("GET", "/store/regions")).json.regions.find((r) => r.name === "EU");
      const tee = (await api("GET", "/store/products?handle=t-shirt")).json.products[0].variants[0];
      const hoodie = (await api("GET", "/store/products?handle=hoodie")).json.products[0]
        .variants[0];
      const stock = async () => (await api("GET", "/store/variants/" + tee.id)).json.variant
        .inventory_quantity;
      const address = { first_name: "Day", last_name: "Buyer", address_1: "Street 1",
        city: "Berlin", postal_code: "10115", country_code: "de" };
      const cart = (await api("POST", "/store/carts", { region_id: eu.id })).json.cart;
      await api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: tee.id, quantity: 3 });
      await api("POST", `/store/carts/${cart.id}`, { email: "day@example.com",
        shipping_address: address });
      const so = (await api("GET", `/store/shipping-options/${cart.id}`)).json.shipping_options[0];
      await api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: so.id });
      await api("POST", `/store/carts/${cart.id}/payment-sessions`);
      const done = await api("POST", `/store/carts/${cart.id}/complete`);
      assert(done.json && done.json.type === "order", "the store places the order");
      const id = done.json.data.id;
      const order = async () => (await A("GET", "/admin/orders/" + id)).json.order;
      const item = (await order()).items[0].id;

      // Clicked: capture, a note, a fulfilment of one unit of three.
      await visit(page, ctx, "/app/a/orders/" + id);
      await until(async () => /Capture payment/.test(await text(page)), "the order page");
      await clickText(page, "button", "Capture payment");
      await until(async () => (await order()).payment_status === "captured", "captured");
      const note = "Leave it with the neighbour";
      const noteIn = await page.waitForSelector("input[placeholder='Write a note...']");
      await noteIn.type(note);
      await noteIn.press("Enter");
      await until(async () => (await A("GET", "/admin/notes?resource_id=" + id)).json.notes
        .some((n) => n.value === note && n.author && n.author.email === ADMIN.email), "the note");
      await until(async () => (await text(page)).includes(note), "the note on the timeline");
      await clickText(page, "button", "Create Fulfillment");
      await retype(page, "input[name=quantity]", "1");
      await clickText(page, "button", "Create fulfillment");
      await until(async () => (await order()).fulfillment_status === "partially_fulfilled",
        "one unit fulfilled");
      await page.screenshot({ path: path.join(ctx.artifacts, "merchant-day-1-clicked.png"),
        fullPage: true });

      // Through the Admin API: the rest of the day.
      let r = await A("POST", `/admin/orders/${id}/fulfillment`,
        { items: [{ item_id: item, quantity: 2 }] });
      assert(r.status === 200, "the other two fulfilled: " + r.text);
      for (const f of r.json.order.fulfillments) {
        r = await A("POST", `/admin/orders/${id}/shipment`,
          { fulfillment_id: f.id, tracking_numbers: ["TRACK-" + f.id.slice(-4)] });
        assert(r.status === 200, "shipped: " + r.text);
      }
      assert((await order()).fulfillment_status === "shipped", "all shipped");
      // Medusa takes swaps and returns only while the payment is captured, not yet refunded:
      // the swap first, the claim, the return, then the partial refund.
      // Clicked: the exchange of one tee for a hoodie in the timeline's Register Exchange dialog.
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await timelineAction(page, "Register Exchange");
      {
        const row = "//div[@role='dialog']//tr[.//span[normalize-space(.)='Medusa T-Shirt']]";
        await clickFree(page, await page.waitForSelector(
          `::-p-xpath(${row}//div[contains(@class,'cursor-pointer')])`));
        const qty = () => page.$eval(`::-p-xpath(${row}/td[3]//span[2])`, (e) => e.textContent);
        while (await qty() !== "1")
          await (await page.$(`::-p-xpath(${row}/td[3]//span[1])`)).click();
      }
      await clickText(page, "button", "Add Product");
      await (await page.waitForSelector("input[placeholder='Search Products..']")).type("Hoodie");
      await until(() => page.evaluate(() => {
        const rows = [...document.querySelectorAll("div[role=dialog] tbody tr")]
          .filter((r) => r.innerText.includes("Published"));
        return rows.length > 0 && rows.every((r) => r.innerText.includes("Hoodie"));
      }), "the search's hoodies");
      // Its checkbox (an input drawn over by its label) is clicked as the page's own script
      // would see a click.
      assert(await page.evaluate((title) => {
        const row = [...document.querySelectorAll("div[role=dialog] tbody tr")].find((r) =>
          r.innerText.includes("Medusa Hoodie") &&
          r.innerText.split("\n").map((x) => x.trim()).includes(title));
        const box = row && row.querySelector("input[type=checkbox]");
        if (box) box.click();
        return !!box;
      }, hoodie.title), "the hoodie's row in Add Products");
      await clickFree(page, await page.waitForSelector(
        "::-p-xpath(//button[contains(@class,'btn-primary')][normalize-space(.)='Add products' or normalize-space(.)='Add Products' or normalize-space(.)='Add'])"));
      await clickText(page, "button", "Complete");
      const swap = await until(async () => (await order()).swaps[0], "the clicked exchange");
      assert(swap.return_order && swap.return_order.items.length === 1 &&
        swap.return_order.items[0].item_id === item && swap.return_order.items[0].quantity === 1 &&
        swap.additional_items.length === 1 && swap.additional_items[0].variant_id === hoodie.id,
      "the exchange as entered: " + JSON.stringify(swap).slice(0, 600));
      await api("POST", `/store/carts/${swap.cart_id}/shipping-methods`, { option_id: so.id });
      await api("POST", `/store/carts/${swap.cart_id}/payment-sessions`);
      r = await api("POST", `/store/carts/${swap.cart_id}/complete`);
      assert(r.json && r.json.type === "swap", "the customer pays the swap");
      r = await A("POST", `/admin/orders/${id}/swaps/${swap.id}/process-payment`);
      assert(r.status === 200, "the swap processed: " + r.text);
      // Clicked: a replacement claim in the timeline's Register Claim dialog (its items are the
      // order's returnable_items): one tee, production failure, a hoodie sent in its place.
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await timelineAction(page, "Register Claim");
      await clickFree(page, await page.waitForSelector(
        "::-p-xpath(//tr[.//p[normalize-space(.)='Medusa T-Shirt']]//div[contains(@class,'cursor-pointer')])"));
      while (await page.$eval("p[aria-label=Quantity]", (e) => e.textContent) !== "1")
        await page.click("button[aria-label='Decrease quantity']");
      await clickText(page, "button", "Select reason");
      await pick(page, "Choose a return reason", null, "Production Failure");
      await (await page.waitForSelector("textarea[name=note]")).type("torn");
      await clickText(page, "button", "Save and go back");
      await clickFree(page, await page.waitForSelector(
        "::-p-xpath(//label[normalize-space(.)='Replace'])"));
      await clickText(page, "button", "Add products");
      // The catalogue is longer than a page once products were imported: searched.
      await (await page.waitForSelector("input[placeholder='Search products']")).type("Hoodie");
      await clickFree(page, await page.waitForSelector(
        `::-p-xpath(//tr[.//p[starts-with(normalize-space(.),'Medusa Hoodie') and contains(.,'(${hoodie.title})')]]//div[contains(@class,'cursor-pointer')])`));
      await clickFree(page, await page.waitForSelector(
        "::-p-xpath(//button[contains(@class,'btn-primary')][normalize-space(.)='Add products'])"));
      await clickFree(page, await page.waitForSelector("[id='replacement_shipping.option']"));
      await clickFree(page, await page.waitForSelector("[id*='-option-0']"));
      await clickText(page, "button", "Submit and close");
      const claim = await until(async () => (await order()).claims[0], "the clicked claim");
      assert(claim.type === "replace" && claim.claim_items.length === 1 &&
        claim.claim_items[0].item_id === item && claim.claim_items[0].quantity === 1 &&
        claim.claim_items[0].reason === "production_failure" && claim.claim_items[0].note === "torn" &&
        claim.additional_items.length === 1 && claim.additional_items[0].variant_id === hoodie.id,
      "the claim as entered: " + JSON.stringify(claim).slice(0, 600));
      r = await A("POST", `/admin/orders/${id}/claims/${claim.id}/fulfillments`, {});
      assert(r.status === 200, "the replacement fulfilled: " + r.text);
      const cf = r.json.order.claims[0].fulfillments[0];
      r = await A("POST", `/admin/orders/${id}/claims/${claim.id}/shipments`,
        { fulfillment_id: cf.id, tracking_numbers: ["CLAIM-1"] });
      assert(r.status === 200 && r.json.order.claims[0].fulfillment_status === "shipped",
        "the replacement shipped");
      // Clicked: a return of one tee requested in the timeline's Request Return dialog, then
      // received in its Receive Return dialog (the unit back in stock once).
      const before = await stock();
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await timelineAction(page, "Request Return");
      const teeRow = "//div[@role='dialog']//tr[.//span[normalize-space(.)='Medusa T-Shirt']]";
      await clickFree(page, await page.waitForSelector(
        `::-p-xpath(${teeRow}//div[contains(@class,'cursor-pointer')])`));
      const qty = () => page.$eval(`::-p-xpath(${teeRow}/td[3]//span[2])`, (e) => e.textContent);
      while (await qty() !== "1")
        await (await page.$(`::-p-xpath(${teeRow}/td[3]//span[1])`)).click();
      await clickText(page, "button", "Submit");
      const ret = await until(async () => (await order()).returns.find((x) => !x.swap_id &&
        !x.claim_order_id), "the clicked return");
      assert(ret.status === "requested" && ret.items.length === 1 && ret.items[0].item_id === item &&
        ret.items[0].quantity === 1, "the return as entered: " + JSON.stringify(ret).slice(0, 400));
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await clickText(page, "button", "Receive Return");
      await clickFree(page, await page.waitForSelector(
        "::-p-xpath(//div[@role='dialog']//tbody//tr[.//p[normalize-space(.)='Medusa T-Shirt']]//div[contains(@class,'cursor-pointer')])"));
      await clickText(page, "button", "Save and close");
      await until(async () => (await A("GET", "/admin/returns?limit=50")).json.returns
        .some((x) => x.id === ret.id && x.status === "received"), "the return received");
      assert(await stock() === before + 1, "the returned unit is back in stock");
      const afterReturn = await order();
      assert(afterReturn.refunded_total === ret.refund_amount &&
        afterReturn.fulfillment_status === "partially_returned", "the return refunded");
      // Clicked: a partial refund of 5.00 in the page's refund dialog.
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await clickText(page, "button", "Refund");
      await (await page.waitForSelector("input[placeholder='0.00']")).type("5.00");
      await (await page.waitForSelector("textarea[name=note]")).type("late delivery");
      await clickText(page, "button", "Complete");
      const refunded = await until(async () => {
        const o = await order();
        return o.refunded_total === 500 + ret.refund_amount && o;
      }, "the dialog's refund of 5.00");
      assert(refunded.payment_status === "partially_refunded" &&
        refunded.refunds.some((x) => x.amount === 500 && x.reason === "discount" &&
          x.note === "late delivery"), "the refund as entered");
      // The event hook as the notification provider: it answers for order.placed.
      const hook = path.join(ctx.artifacts, "provider.sh");
      fs.writeFileSync(hook, "#!/bin/sh\ncase \"$1\" in order.placed) " +
        "printf '{\"to\":\"day@example.com\",\"data\":{\"template\":\"order-placed\"}}' ;; esac\n");
      fs.chmodSync(hook, 0o755);
      require("child_process").execFileSync(process.env.MEDUSA_BIN, ["events", "consume"],
        { env: Object.assign({}, process.env, { MEDUSA_EVENT_HOOK: hook }), stdio: "ignore" });
      const notis = (await A("GET", "/admin/notifications?resource_id=" + id)).json.notifications;
      assert(notis.length === 1 && notis[0].to === "day@example.com", "the hook's notification");
      r = await A("POST", `/admin/notifications/${notis[0].id}/resend`, {});
      assert(r.status === 200 && r.json.notification.resends.length === 1, "resent");

      // The page shows the day (reloaded: the dashboard keeps what it fetched for minutes), and
      // every request it makes is answered.
      await fullLoad(page, ctx, "/app/a/orders/" + id);
      await until(async () => {
        const t = await text(page);
        return t.includes(note) && /Refund/i.test(t) && /Return/i.test(t) &&
          /Claim/i.test(t) && /Exchange|Swap/i.test(t);
      }, "the order page showing the note, refund, return, claim and swap", 100).catch(
        async (e) => { throw new Error(e.message + ": " + (await text(page)).slice(0, 4000)); });
      await page.screenshot({ path: path.join(ctx.artifacts, "merchant-day-2-order.png"),
        fullPage: true });

      // A draft order, created and marked paid, on its page.
      r = await A("POST", "/admin/draft-orders", { email: "draft@example.com", region_id: eu.id,
        items: [{ variant_id: tee.id, quantity: 1 }, { title: "Gift wrap", unit_price: 500,
          quantity: 1 }], shipping_methods: [{ option_id: so.id }], shipping_address: address });
      assert(r.status === 200, "the draft order: " + r.text);
      const draft = r.json.draft_order;
      r = await A("POST", `/admin/draft-orders/${draft.id}/pay`);
      assert(r.status === 200 && r.json.order && r.json.order.payment_status === "captured",
        "the draft order paid: " + r.text);
      await visit(page, ctx, "/app/a/draft-orders/" + draft.id);
      await until(async () => /Completed|completed/.test(await text(page)),
        "the draft order's page shows it completed");
    },
  },
  {
    // Every page of issue 14's areas (all but the order back office), opened as the sidebar or a
    // list would, each with its own failed-request log, reported per page in walk.json (tour).
    name: "page-tour",
    needs: ["POST /admin/collections", "POST /admin/discounts", "POST /admin/gift-cards"],
    async run(page, ctx) {
      const get = async (p) => (await api("GET", p, null, ctx.token)).json;
      const first = async (p, key) => ((await get(p))[key] || [])[0];
      // Something on every detail page: a collection, a customer, a discount, a gift card.
      let col = await first("/admin/collections", "collections");
      if (!col) col = (await api("POST", "/admin/collections", { title: "Tour", handle: "tour" },
        ctx.token)).json.collection;
      let cus = await first("/admin/customers", "customers");
      if (!cus) {
        await api("POST", "/store/customers", { email: "tour@example.com", password: "tour-123456",
          first_name: "Tour", last_name: "Customer" });
        cus = await first("/admin/customers", "customers");
      }
      const regions = (await get("/admin/regions")).regions;
      const eu = regions.find((r) => r.name === "EU");
      let dis = await first("/admin/discounts", "discounts");
      if (!dis) dis = (await api("POST", "/admin/discounts", { code: "TOUR5", regions: [eu.id],
        rule: { type: "fixed", value: 500, allocation: "total", description: "5 off" } },
      ctx.token)).json.discount;
      let gc = await first("/admin/gift-cards", "gift_cards");
      if (!gc) gc = (await api("POST", "/admin/gift-cards", { value: 2500, region_id: eu.id },
        ctx.token)).json.gift_card;
      const product = (await get("/admin/products?handle=t-shirt")).products[0];
      const channel = await first("/admin/sales-channels", "sales_channels");
      const group = servedNorm.has("GET /admin/customer-groups") &&
        await first("/admin/customer-groups", "customer_groups");
      const list = servedNorm.has("GET /admin/price-lists") &&
        await first("/admin/price-lists", "price_lists");
      const pages = [
        ["/a/orders", ["orders(list)"], /Orders/],
        ["/a/products", ["products/overview"], /Medusa T-Shirt/],
        ["/a/products/" + product.id, ["products/edit"], /Medusa T-Shirt/],
        ["/a/products?view=collections", ["products/overview"], new RegExp(col.title)],
        ["/a/collections/" + col.id, ["collections"], new RegExp(col.title)],
        ["/a/product-categories", ["product-categories"], /Shirts/],
        ["/a/customers", ["customers(list)"], new RegExp(cus.email)],
        ["/a/customers/" + cus.id, ["customers/details"], new RegExp(cus.email)],
        ["/a/customers/groups", ["customers/groups"], /Groups/],
        group && ["/a/customers/groups/" + group.id, ["customers/groups"], new RegExp(group.name)],
        ["/a/discounts", ["discounts"], new RegExp(dis.code)],
        ["/a/discounts/new", ["discounts"], /Create new discount/i],
        ["/a/discounts/" + dis.id, ["discounts"], new RegExp(dis.code)],
        ["/a/gift-cards", ["gift-cards"], /Gift Cards/],
        ["/a/gift-cards/manage", ["gift-cards"], /Gift Card/],
        ["/a/gift-cards/" + gc.id, ["gift-cards"], new RegExp(gc.code)],
        ["/a/pricing", ["pricing"], /Price Lists/],
        ["/a/pricing/new", ["pricing"], /Create New/],
        list && ["/a/pricing/" + list.id, ["pricing"], new RegExp(list.name)],
        ["/a/settings", [], /Regions/],
        ["/a/settings/details", ["settings/details"], /Store Details/],
        ["/a/settings/currencies", ["settings/currencies"], /EUR/],
        ["/a/settings/regions", ["settings/regions"], /Regions/],
        ["/a/settings/regions/" + eu.id, ["settings/regions"], /Shipping Options/],
        ["/a/settings/return-reasons", ["settings/return-reasons"], /Return Reasons/],
        ["/a/settings/taxes", ["settings/taxes"], /Tax/],
        ["/a/settings/taxes/" + eu.id, ["settings/taxes"], /Tax Calculation Settings/],
        ["/a/settings/team", ["settings/users"], /admin@medusa-test.com/],
        ["/a/settings/personal-information", ["settings/personal-information"],
          /Personal information/i],
        ["/a/sales-channels", ["sales-channels"], new RegExp(channel.name)],
        ["/a/sales-channels/" + channel.id, ["sales-channels"], new RegExp(channel.name)],
        ["/a/publishable-api-keys", ["publishable-api-keys"], /Publishable API keys/i],
      ].filter(Boolean);
      ctx.tour = [];
      const bad = [];
      for (const [p, areas, expect] of pages) {
        const loads = [...new Set(SHELL.concat(...areas.map((a) => areaLoads[a] || [])))];
        const missing = loads.filter((r) => !servedNorm.has(norm(r)));
        if (missing.length) {
          ctx.tour.push({ page: p, status: "pending", waits_on: missing });
          continue;
        }
        const from = ctx.log.length;
        const t0 = Date.now();
        let error = null;
        try {
          await visit(page, ctx, "/app" + p);
          await until(async () => expect.test(await text(page)), p + " showing " + expect, 50);
          const t = await text(page);
          assert(!/Back to dashboard/.test(t), p + " is not the error page");
          await sleep(300);
        } catch (e) {
          error = e.message;
        }
        const fails = ctx.log.slice(from);
        const shot = "tour" + p.replace(/\?view=/, "-").replace(/\/[a-z]+_[0-9A-Z]+/g, "-id")
          .replace(/\//g, "-") + ".png";
        await page.screenshot({ path: path.join(artifacts, shot) }).catch(() => {});
        const ok = !error && !fails.length;
        ctx.tour.push({ page: p, status: ok ? "passed" : "failed", ms: Date.now() - t0,
          screenshot: shot, error, failed_requests: fails });
        if (!ok) bad.push(`${p}: ${error || fails.join(", ")}`);
        console.log(`#   ${ok ? "ok" : "FAILED"} ${p} (${Date.now() - t0} ms, ${shot})`);
      }
      const pend = ctx.tour.filter((x) => x.status === "pending").length;
      console.log(`# tour: ${ctx.tour.length - pend} pages opened, ${pend} pending, ` +
        `${bad.length} with failures`);
      assert(!bad.length, "pages without failed requests: " + bad.join("; "));
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
  const ctx = { log: [], artifacts, reloads: [], inflight: new Map() };
  // Requests in flight and when they started, for settled().
  page.on("request", (r) => { if (r.url().startsWith(base)) ctx.inflight.set(r, Date.now()); });
  page.on("requestfinished", (r) => ctx.inflight.delete(r));
  page.on("requestfailed", (r) => ctx.inflight.delete(r));
  page.on("response", (r) => {
    const u = new URL(r.url());
    const started = ctx.inflight.get(r.request());
    // A request sent before the log was last cleared on purpose (ctx.logSince) is not logged.
    if (ctx.logSince && started !== undefined && started < ctx.logSince) return;
    if (u.pathname.startsWith("/admin/") && r.status() >= 400)
      ctx.log.push(`${r.status()} ${r.request().method()} ${u.pathname}${u.search}`);
  });
  page.on("pageerror", (e) => ctx.log.push("page error: " + e.message));
  // A script, style, locale or upload of ours that did not load (a navigation cancelling requests
  // is no failure; the demo products' pictures on Medusa's S3 are not ours to serve).
  page.on("requestfailed", (r) => {
    const why = r.failure() ? r.failure().errorText : "";
    if (why !== "net::ERR_ABORTED" && r.url().startsWith(base))
      ctx.log.push(`request failed: ${r.url()} ${why}`);
  });
  // A form left dirty by a failed step asks before the next step's navigation: leave.
  page.on("dialog", (d) => d.accept());
  const report = [];
  let failed = 0, pending = 0, n = 0;
  console.log("1.." + steps.length);
  for (const step of steps) {
    n++;
    if (process.env.WALK_ONLY && !process.env.WALK_ONLY.split(",").includes(step.name)) continue;
    const num = String(n).padStart(2, "0");
    const shot = `${num}-${step.name}.png`;
    const missing = SHELL.concat(step.needs).filter((r) => !servedNorm.has(norm(r)));
    const t0 = Date.now();
    // WALK_FORCE=1 runs them anyway (to develop a step before its routes land).
    if (missing.length && !process.env.WALK_FORCE) {
      pending++;
      console.log(`ok ${n} - ${step.name} # SKIP PENDING: waits on ${missing.join(", ")}`);
      report.push({ step: step.name, status: "pending", waits_on: missing });
      continue;
    }
    ctx.log.length = 0;
    ctx.shot = shot;
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
    const reloads = ctx.reloads.splice(0);
    for (const r of reloads) console.log("# reloaded once (stayed on the spinner): " + r);
    report.push({ step: step.name, status: ok ? "passed" : "failed", ms, screenshot: shot,
      error, failed_requests: fails, reloads, pages: ctx.tour });
    ctx.tour = undefined;
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
