// Embedding: the example blog page (hostile global CSS) with two <llm-interview-cards> elements and
// one iframe of embed.html; the Embed control's snippets, copied and pasted into another site's page.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import { BlogPage } from "../pages/blog";

const STYLE_PROPS = [
  "font-family",
  "font-size",
  "line-height",
  "color",
  "background-color",
  "letter-spacing",
  "text-transform",
  "box-sizing",
  "margin-top",
  "padding-top",
  "border-top-style",
] as const;

/** The listed computed styles of each element (pierces shadow roots). */
async function styles(elements: Locator[]) {
  const out: Record<string, string>[] = [];
  for (const el of elements) {
    out.push(
      await el.evaluate((node, props) => {
        const cs = getComputedStyle(node);
        return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      }, STYLE_PROPS as unknown as string[]),
    );
  }
  return out;
}

/** What a reader sees of the first widget: its card, title, number, topic, answer and credit. */
function inside(blog: BlogPage) {
  const card = blog.card(blog.first, 6);
  return [
    blog.first.locator(".embed"),
    card,
    card.locator("summary.card__summary"),
    card.locator(".card__title .card__q"),
    card.locator(".card__num"),
    card.locator(".topic-label").first(),
    card.locator(".answer p").first(),
    blog.first.locator(".embed__credit a"),
  ];
}

async function emptyFile(page: Page, pattern: string, contentType: string) {
  await page.route(pattern, (route) => route.fulfill({ status: 200, contentType, body: "" }));
}

test("each embed renders what its attributes ask for", async ({ page }) => {
  const blog = new BlogPage(page);
  await blog.open();
  await expect(blog.cards(blog.first).locator(".card__title")).toHaveText([
    "What role does temperature play in controlling LLM output?",
    "How do top-k and top-p sampling differ in text generation?",
  ]);
  await expect(blog.card(blog.second, 23).locator(".card__title")).toContainText("softmax 函数");
  await expect(blog.second.locator(".embed")).toHaveAttribute("lang", "zh-Hans");
  // theme="dark": the widget is dark whatever the reader's system says.
  const bg = await blog.second.locator(".embed").evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(bg).toBe("rgb(18, 20, 23)");
  // No study marks or Embed control inside an embed.
  await expect(blog.first.getByRole("button", { name: "Known" })).toHaveCount(0);

  await blog.iframe.scrollIntoViewIfNeeded();
  await expect(blog.cards(blog.frame)).toHaveCount(1, { timeout: 30_000 });
  await expect(blog.card(blog.frame, 5).locator(".card__title")).toContainText("beam search");

  // The widgets run on the app's second stage (the module of the labs and explorers), downloaded
  // once for both elements; the app's own first stage, which has no embed code, is not loaded.
  const wasm = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => e.name).filter((url) => url.endsWith(".wasm")),
  );
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/\/parts-[0-9a-f]+_bg\.wasm$/);
});

test("the host's CSS does not reach the widget, and ours does not reach the host", async ({ page }) => {
  const blog = new BlogPage(page);
  const hostText = [page.locator("p.lead"), page.locator("h1"), page.locator("p.after")];

  // Baseline: the same page without its theme.
  await emptyFile(page, "**/blog-example.css", "text/css");
  await blog.open();
  await blog.toggle(blog.first, 6);
  const clean = await styles(inside(blog));

  // The hostile theme, without our script: how the host looks on its own.
  await page.unrouteAll();
  await emptyFile(page, "**/embed.js", "text/javascript");
  await page.goto("blog-example.html");
  const hostAlone = await styles(hostText);
  expect(hostAlone[0]["font-family"]).toContain("Comic Sans MS");
  expect(hostAlone[0]["text-transform"]).toBe("uppercase");

  // Both together.
  await page.unrouteAll();
  await blog.open();
  await blog.toggle(blog.first, 6);
  expect(await styles(inside(blog))).toEqual(clean);
  expect(await styles(hostText)).toEqual(hostAlone);
});

test("two elements on one page keep separate state and follow their attributes", async ({ page }) => {
  const blog = new BlogPage(page);
  await blog.open();
  const six = blog.answer(blog.first, 6);
  const softmax = blog.answer(blog.second, 23);

  await blog.toggle(blog.first, 6);
  await expect(six).toHaveJSProperty("open", true);
  await expect(softmax).toHaveJSProperty("open", false);
  await blog.toggle(blog.second, 23);
  await blog.toggle(blog.first, 6);
  await expect(six).toHaveJSProperty("open", false);
  await expect(softmax).toHaveJSProperty("open", true);

  // Changing an attribute re-renders that element only; its open card stays open.
  await blog.second.evaluate((el) => el.setAttribute("lang", "en"));
  await expect(blog.card(blog.second, 23).locator(".card__title")).toContainText("How is the softmax function applied");
  await expect(softmax).toHaveJSProperty("open", true);
  await expect(blog.card(blog.first, 6).locator(".card__title")).toContainText("temperature");

  await blog.first.evaluate((el) => el.setAttribute("view", "quiz"));
  await expect(blog.first.getByRole("heading", { name: "Quiz" })).toBeVisible();
  await blog.first.getByRole("button", { name: "Show answer" }).click();
  await blog.first.getByRole("button", { name: "Known" }).click();
  await expect(blog.first.getByText("Card 2 of 2")).toBeVisible();
  await expect(blog.second.getByRole("heading", { name: "Quiz" })).toHaveCount(0);

  await blog.first.evaluate((el) => el.setAttribute("view", "lab"));
  await expect(blog.first.getByRole("slider", { name: "Temperature" })).toBeVisible();
});

test("the iframe takes the height of its content when a card is opened", async ({ page }) => {
  const blog = new BlogPage(page);
  await blog.open();
  await blog.iframe.scrollIntoViewIfNeeded();
  await expect(blog.cards(blog.frame)).toHaveCount(1, { timeout: 30_000 });
  const height = async () => (await blog.iframe.boundingBox())!.height;
  // The frame's first message replaces the page's 200px with the widget's own height.
  await expect.poll(height).not.toBe(200 + 8);
  const closed = await height();
  await blog.toggle(blog.frame, 5);
  await expect(blog.card(blog.frame, 5).locator(".answer").first()).toBeVisible();
  await expect.poll(height).toBeGreaterThan(closed + 100);
  // The content fits: no scrollbar inside the frame.
  const frameDoc = await blog.iframe.evaluate((f: HTMLIFrameElement) => {
    const d = f.contentDocument!.documentElement;
    return d.scrollHeight - f.clientHeight;
  });
  expect(frameDoc).toBeLessThanOrEqual(1);
});

test("hostile attribute values neither run nor break the page", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const warnings: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  const blog = new BlogPage(page);
  await blog.open();
  await blog.second.evaluate((el) => {
    el.setAttribute("questions", '"><img src=x onerror="window.__pwned=1">,7');
    el.setAttribute("lang", "<script>window.__pwned=2</script>");
    el.setAttribute("view", "javascript:window.__pwned=3");
    el.setAttribute("theme", "</style><style>*{display:none}</style>");
  });
  await expect(blog.cards(blog.second)).toHaveCount(1);
  await expect(blog.card(blog.second, 7)).toBeVisible();
  await expect(blog.second.locator("img, script, style")).toHaveCount(0);
  await expect(blog.cards(blog.first)).toHaveCount(2);
  expect(warnings.filter((w) => w.startsWith("llm-qa: <llm-interview-cards>: ignoring")).length).toBeGreaterThanOrEqual(4);

  // The same through the iframe's query string.
  await page.goto("embed.html?questions=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=xx&view=%3Cb%3E&theme=1");
  await expect(page.locator("article.card")).toHaveCount(50, { timeout: 30_000 });
  await expect(page.locator("llm-interview-cards img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

const SHARE = {
  en: { embed: "Embed", copy: "Copy", copied: "Copied to the clipboard.", lab: "Sampling lab" },
  zh: { embed: "嵌入", copy: "复制", copied: "已复制到剪贴板。", lab: "采样实验室" },
};

for (const lang of ["en", "zh"] as const) {
  const t = SHARE[lang];
  test(`the Embed control gives both snippets for that card and copies them (${lang})`, async ({ app, page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await app.open(`?lang=${lang}#q6`);
    // The card's lab arrives from the second stage and sits above the Embed control; the overflow
    // check below is about the loaded lab, so wait for it.
    await app.partOf(6);
    const share = app.card(6).locator("details.share");
    await share.locator("summary", { hasText: t.embed }).click();
    const snippets = share.locator("pre");
    await expect(snippets).toHaveCount(2);
    await expect(snippets.nth(0)).toContainText(`<llm-interview-cards questions="6" lang="${lang}"></llm-interview-cards>`);
    await expect(snippets.nth(1)).toContainText(`embed.html?questions=6&amp;lang=${lang}`);
    // Card 6 holds a lab: with it and the snippets open, nothing sticks out sideways (on a phone too).
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    const copy = share.getByRole("button", { name: t.copy, exact: true });
    await expect(copy).toHaveCount(2);
    await copy.nth(1).click();
    await expect(share.getByRole("status")).toHaveText(t.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippets.nth(1).innerText());

    // The lab's own control embeds the lab.
    const labShare = (await app.showLab()).locator("details.share");
    await labShare.locator("summary", { hasText: t.embed }).click();
    await expect(labShare.locator("pre").first()).toContainText(`lang="${lang}" view="lab"`);
  });
}

test("the snippets work when pasted into another site's page", async ({ app, page, context }) => {
  await app.open("?lang=en#q12");
  const share = app.card(12).locator("details.share");
  await share.locator("summary").click();
  const [element, iframe] = await share.locator("pre").allInnerTexts();

  // about:blank is another origin: the module, the wasm and the messages all cross origins.
  const other = await context.newPage();
  const errors: string[] = [];
  other.on("pageerror", (e) => errors.push(e.message));
  await other.setContent(`<h1>Someone else's post</h1>\n${element}\n<p>Between the two.</p>\n${iframe}`);
  await expect(other.locator("llm-interview-cards article#q12")).toBeVisible({ timeout: 30_000 });
  const frame = other.locator("iframe[data-llm-qa]");
  await frame.scrollIntoViewIfNeeded();
  await expect(other.frameLocator("iframe[data-llm-qa]").locator("article#q12")).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => frame.evaluate((f: HTMLIFrameElement) => f.style.height)).not.toBe("480px");
  const closed = (await frame.boundingBox())!.height;
  await other.frameLocator("iframe[data-llm-qa]").locator("article#q12 summary.card__summary").click();
  await expect.poll(async () => (await frame.boundingBox())!.height).toBeGreaterThan(closed + 100);
  expect(errors).toEqual([]);
});
