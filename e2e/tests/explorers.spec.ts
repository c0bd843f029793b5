// The explorers inside question cards: each is opened in English and in Chinese, operated by
// keyboard, and a number it shows is checked against a value computed here (or, for the tokenizer,
// by the independent Python reference in crates/core/tests/data/explore_reference.txt).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import type { AppPage } from "../pages/app";

type Lang = "en" | "zh";
const LANGS: Lang[] = ["en", "zh"];

// Visible labels, as in crates/core/src/explore/*.rs.
const L = {
  en: {
    showTable: "Show table",
    hideTable: "Hide table",
    softmax: "Softmax explorer",
    temperature: "Temperature T",
    cat: "cat",
    ce: "Cross-entropy explorer",
    probability: "Probability of the true token",
    mat: "mat",
    kl: "KL divergence explorer",
    distP: "P (the truth)",
    distQ: "Q (the model)",
    sun: "sun",
    snow: "snow",
    relu: "ReLU and its derivative",
    mean: "Mean pre-activation μ",
    pe: "Positional encoding explorer",
    position: "Compare position",
    width: "Model width d",
    beam: "Beam search vs greedy",
    beamWidth: "Beam width",
    attention: "Attention explorer",
    heads: "Heads",
    scaled: "Divide the scores by √d_k (d_k = 4)",
    tokens: ["The", "cat", "chased", "the", "mouse"],
    head1: "Head 1: previous word",
    tokenizer: "Tokenizer explorer",
    text: "Text to tokenize",
    merges: "Merges learned",
    vocab: "Vocabulary size",
    scaling: "Why divide by √d_k",
    qx: "q, x component",
    scalingWidth: "Width d (entries per vector)",
    newDraw: "New random vectors",
    bits: "bits",
    jacobian: "Jacobian explorer",
    jacobianTable: "The Jacobian's entries",
    pca: "Eigenvectors and PCA",
    rho: "Correlation ρ",
    newPoints: "New points",
    masks: "Causal vs bidirectional attention",
    queryToken: "Query token",
    newMasking: "New masking",
    maskWeights: "Scores and masked-softmax weights for the chosen query",
    sentence: ["The", "cat", "sat", "on", "the", "mat", "because", "it", "was", "very", "tired", "."],
    nextToken: "Next-token prediction: positions with a loss",
    mlmCount: "positions with a loss",
  },
  zh: {
    showTable: "显示表格",
    hideTable: "隐藏表格",
    softmax: "Softmax 探索器",
    temperature: "温度 T",
    cat: "猫",
    ce: "交叉熵探索器",
    probability: "真实标记的概率",
    mat: "垫子",
    kl: "KL 散度探索器",
    distP: "P（真实分布）",
    distQ: "Q（模型分布）",
    sun: "晴",
    snow: "雪",
    relu: "ReLU 及其导数",
    mean: "预激活均值 μ",
    pe: "位置编码探索器",
    position: "比较的位置",
    width: "模型宽度 d",
    beam: "束搜索与贪心解码",
    beamWidth: "束宽",
    attention: "注意力探索器",
    heads: "注意力头数",
    scaled: "分数除以 √d_k（d_k = 4）",
    tokens: ["这只", "猫", "追赶", "那只", "老鼠"],
    head1: "注意力头 1: 前一个词",
    tokenizer: "分词器探索器",
    text: "要分词的文本",
    merges: "已学习的合并次数",
    vocab: "词表大小",
    scaling: "为什么要除以 √d_k",
    qx: "q 的 x 分量",
    scalingWidth: "宽度 d（每个向量的分量数）",
    newDraw: "重新抽取随机向量",
    bits: "比特",
    jacobian: "雅可比矩阵探索器",
    jacobianTable: "雅可比矩阵的元素",
    pca: "特征向量与 PCA",
    rho: "相关系数 ρ",
    newPoints: "重新生成点",
    masks: "因果注意力与双向注意力",
    queryToken: "查询词元",
    newMasking: "重新抽取掩码",
    maskWeights: "所选查询的分数与掩码 softmax 权重",
    sentence: ["那只", "猫", "坐", "在", "那张", "垫子", "上", "因为", "它", "非常", "累", "。"],
    nextToken: "下一个词元预测：有损失的位置数",
    mlmCount: "有损失的位置数",
  },
};

/** Opens card `id` in `lang` and returns its explorer (a named group). */
async function explorer(app: AppPage, id: number, lang: Lang, title: string): Promise<Locator> {
  await app.open(`?lang=${lang}#q${id}`);
  const region = app.card(id).getByRole("group", { name: new RegExp(`${escape(title)}$`) });
  await region.scrollIntoViewIfNeeded();
  await expect(region).toBeVisible();
  return region;
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function press(page: Page, key: string, times: number) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

function softmax(z: number[], t = 1) {
  const m = Math.max(...z.map((x) => x / t));
  const e = z.map((x) => Math.exp(x / t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

for (const lang of LANGS) {
  const t = L[lang];

  test(`softmax (${lang}): temperature and a typed score change p by the formula`, async ({ app, page }) => {
    const x = await explorer(app, 23, lang, t.softmax);
    const temp = x.getByRole("slider", { name: t.temperature, exact: true });
    await temp.focus();
    await press(page, "ArrowLeft", 5);
    await expect(temp).toHaveAttribute("aria-valuetext", "0.5");
    const line = x.getByRole("listitem").filter({ hasText: `p(${t.cat})` });
    await expect(line).toContainText(`= ${softmax([2, 1, 0.1, -1], 0.5)[0].toFixed(4)}`);

    const score = x.getByRole("spinbutton", { name: t.cat, exact: true });
    await score.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("3");
    await expect(line).toContainText(`= ${softmax([3, 1, 0.1, -1], 0.5)[0].toFixed(4)}`);
    await score.press("ArrowUp");
    await expect(line).toContainText(`= ${softmax([3.1, 1, 0.1, -1], 0.5)[0].toFixed(4)}`);
  });

  test(`cross-entropy (${lang}): the loss and gradients follow p`, async ({ app, page }) => {
    const x = await explorer(app, 25, lang, t.ce);
    const p = x.getByRole("slider", { name: t.probability, exact: true });
    await p.focus();
    await press(page, "ArrowLeft", 25);
    await expect(p).toHaveAttribute("aria-valuetext", "0.25");
    const readouts = x.locator("dl");
    await expect(readouts).toContainText((-Math.log(0.25)).toFixed(3));
    await expect(readouts).toContainText((-1 / 0.25).toFixed(2));
    const row = x.getByRole("row").filter({ has: page.getByRole("rowheader", { name: t.mat, exact: true }) });
    await expect(row.getByRole("cell")).toHaveText(["1", "0.250", (0.25 - 1).toFixed(3)]);
  });

  test(`KL divergence (${lang}): both directions, then infinity`, async ({ app, page }) => {
    const x = await explorer(app, 29, lang, t.kl);
    const kl = (a: number[], b: number[]) => {
      const sa = a.reduce((s, v) => s + v, 0);
      const sb = b.reduce((s, v) => s + v, 0);
      let d = 0;
      a.forEach((v, i) => {
        const [pa, pb] = [v / sa, b[i] / sb];
        if (pa > 0) d += pb === 0 ? Infinity : pa * Math.log(pa / pb);
      });
      return d;
    };
    const P = [60, 25, 10, 5];
    const Q = [30, 30, 30, 10];
    const readouts = x.locator("dl");
    await expect(readouts).toContainText(kl(P, Q).toFixed(4));
    await expect(readouts).toContainText(kl(Q, P).toFixed(4));

    const sun = x.getByRole("group", { name: t.distP }).getByRole("slider", { name: t.sun, exact: true });
    await sun.focus();
    await press(page, "ArrowRight", 5);
    P[0] = 65;
    await expect(readouts).toContainText(kl(P, Q).toFixed(4));
    await expect(readouts).toContainText(kl(Q, P).toFixed(4));

    const snow = x.getByRole("group", { name: t.distQ }).getByRole("slider", { name: t.snow, exact: true });
    await snow.focus();
    await page.keyboard.press("Home");
    Q[3] = 0;
    await expect(snow).toHaveAttribute("aria-valuetext", "0 (0.0%)");
    await expect(readouts.locator("div").first()).toContainText("∞");
    await expect(readouts.locator("div").nth(1)).toContainText(kl(Q, P).toFixed(4));
    await expect(x).not.toContainText("NaN");
  });

  test(`ReLU (${lang}): the share of units with zero gradient follows the mean`, async ({ app, page }) => {
    const x = await explorer(app, 30, lang, t.relu);
    const dead = (mean: number) => layer(1, 64).filter((v) => mean + v <= 0).length;
    const row = x.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "ReLU", exact: true }) });
    const cell = (n: number) => `${n} / 64 (${pct(n / 64)})`;
    await expect(row.getByRole("cell").first()).toHaveText(cell(dead(0)));

    const mean = x.getByRole("slider", { name: t.mean, exact: true });
    await mean.focus();
    await press(page, "ArrowRight", 5);
    await expect(mean).toHaveAttribute("aria-valuetext", "0.5");
    await expect(row.getByRole("cell").first()).toHaveText(cell(dead(0.5)));
    const leaky = x.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Leaky/ }) });
    await expect(leaky.getByRole("cell").first()).toHaveText(cell(0));

    await x.getByRole("radio", { name: "ReLU", exact: true }).focus();
    await press(page, "ArrowRight", 2);
    await expect(x.getByRole("radio", { name: "GELU", exact: true })).toBeChecked();
  });

  test(`positional encoding (${lang}): dot products between positions`, async ({ app, page }) => {
    const x = await explorer(app, 21, lang, t.pe);
    const pos = x.getByRole("slider", { name: t.position, exact: true });
    await pos.focus();
    await page.keyboard.press("ArrowRight");
    await expect(pos).toHaveAttribute("aria-valuetext", "6");
    // PE(p)·PE(q) = Σ_i cos((p − q)·ω_i), ω_i = 10000^(−2i/d).
    const dot = (off: number, d: number) => {
      let s = 0;
      for (let i = 0; i < d / 2; i++) s += Math.cos(off * Math.pow(10000, (-2 * i) / d));
      return s;
    };
    const readouts = x.locator("dl");
    await expect(readouts.locator("div").filter({ hasText: "PE(6)·PE(7)" })).toContainText(dot(1, 32).toFixed(3));
    await expect(readouts.locator("div").filter({ hasText: "PE(6)·PE(8)" })).toContainText(dot(2, 32).toFixed(3));

    const width = x.getByRole("slider", { name: t.width, exact: true });
    await width.focus();
    await press(page, "ArrowLeft", 2);
    await expect(width).toHaveAttribute("aria-valuetext", "28");
    await expect(readouts.locator("div").filter({ hasText: "PE(6)·PE(6)" })).toContainText("14.000");
    await expect(readouts.locator("div").filter({ hasText: "PE(6)·PE(7)" })).toContainText(dot(1, 28).toFixed(3));
  });

  test(`beam search (${lang}): greedy misses the most probable sequence`, async ({ app, page }) => {
    const x = await explorer(app, 5, lang, t.beam);
    const w = x.getByRole("slider", { name: t.beamWidth, exact: true });
    const main = x.getByRole("listitem").filter({ hasText: /log p/ }).first();
    const seq = lang === "en"
      ? { greedy: "The nice woman .", two: "The dog has a", best: "The nice house ." }
      : { greedy: "这 漂亮的 女人 。", two: "这 狗 有 一个", best: "这 漂亮的 房子 。" };
    await expect(main).toContainText(seq.two);
    await expect(main).toContainText(`log p = ${Math.log(0.4 * 0.9 * 0.35).toFixed(3)}`);
    await w.focus();
    await page.keyboard.press("ArrowRight");
    await expect(main).toContainText(seq.best);
    await expect(main).toContainText(`log p = ${Math.log(0.5 * 0.3 * 0.9).toFixed(3)}`);
    await page.keyboard.press("Home");
    await expect(w).toHaveAttribute("aria-valuetext", /^1 /);
    await expect(main).toContainText(seq.greedy);
    await expect(main).toContainText(`log p = ${Math.log(0.5 * 0.45 * 0.4).toFixed(3)}`);
  });

  test(`attention (${lang}): pick a token by keyboard, toggle the √d_k scaling`, async ({ app, page }) => {
    const x = await explorer(app, 2, lang, t.attention);
    const chased = x.getByRole("radio", { name: t.tokens[2], exact: true });
    await expect(chased).toBeChecked();
    await chased.focus();
    await page.keyboard.press("ArrowRight");
    await expect(x.getByRole("radio", { name: t.tokens[3], exact: true })).toBeChecked();
    // Head 1 (previous word): raw scores 6·cos((i − 1 − j)·π/3) for query i = 3.
    const raw = [0, 1, 2, 3, 4].map((j) => 6 * Math.cos(((3 - 1 - j) * Math.PI) / 3));
    const row = x.getByRole("row").filter({ has: page.getByRole("rowheader", { name: t.head1, exact: true }) });
    await expect(row.getByRole("cell")).toHaveText(softmax(raw, 2).map(pct));

    const scaled = x.getByRole("checkbox", { name: t.scaled, exact: true });
    await scaled.focus();
    await page.keyboard.press("Space");
    await expect(scaled).not.toBeChecked();
    await expect(row.getByRole("cell")).toHaveText(softmax(raw, 1).map(pct));

    const heads = x.getByRole("slider", { name: t.heads, exact: true });
    await heads.focus();
    await page.keyboard.press("End");
    await expect(x.locator(".xheats figure")).toHaveCount(4);
  });

  test(`tokenizer (${lang}): a typed word splits as the reference says`, async ({ app, page }) => {
    const x = await explorer(app, 16, lang, t.tokenizer);
    const box = x.getByRole("textbox", { name: t.text, exact: true });
    await box.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("tokenization");
    const chips = x.locator(".xtokens__word li");
    await expect(chips).toHaveText(reference.encode("tokenization", 300));

    const merges = x.getByRole("slider", { name: t.merges, exact: true });
    await merges.focus();
    await page.keyboard.press("Home");
    await expect(chips).toHaveCount("tokenization".length);
    await page.keyboard.press("End");
    await expect(chips).toHaveText(reference.encode("tokenization", 500));
    const vocab = x.locator("dl div").filter({ hasText: t.vocab });
    await expect(vocab).toContainText(String(reference.vocab(500)));

    // A character the tokenizer never saw falls back to its UTF-8 bytes.
    await box.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("中");
    const bytes = [...new TextEncoder().encode("中")].map((b) => `<0x${b.toString(16).toUpperCase()}>`);
    await expect(chips).toHaveText(bytes);
  });
  test(`dot-product scaling (${lang}): q·k in the plane, then a random row's softmax with and without ÷√d`, async ({
    app,
    page,
  }) => {
    const x = await explorer(app, 24, lang, t.scaling);
    const qx = x.getByRole("slider", { name: t.qx, exact: true });
    await qx.focus();
    await press(page, "ArrowRight", 3);
    await expect(qx).toHaveAttribute("aria-valuetext", "1.8");
    // q = (1.8, 0.5), k = (1, 1): the sum of products and |q||k|cos θ agree.
    const [q, k] = [[1.8, 0.5], [1, 1]];
    const dot = q[0] * k[0] + q[1] * k[1];
    const [nq, nk] = [Math.hypot(q[0], q[1]), Math.hypot(k[0], k[1])];
    const plane = x.locator("dl").first();
    await expect(plane).toContainText(`1.8·1.0 + 0.5·1.0 = ${dot.toFixed(2)}`);
    await expect(plane).toContainText(`${nq.toFixed(3)} · ${nk.toFixed(3)} · ${(dot / (nq * nk)).toFixed(3)} = ${dot.toFixed(2)}`);
    await expect(plane).toContainText(`${((Math.acos(dot / (nq * nk)) * 180) / Math.PI).toFixed(1)}°`);

    const width = x.getByRole("slider", { name: t.scalingWidth, exact: true });
    await width.focus();
    await page.keyboard.press("Home");
    await press(page, "ArrowRight", 3);
    await expect(width).toHaveAttribute("aria-valuetext", "4");
    await expect(page).toHaveURL(/[?&]sd\.d=4(&|#)/);
    for (const seed of [1, 2]) {
      if (seed === 2) await x.getByRole("button", { name: t.newDraw }).press("Enter");
      const row = scalingRow(seed, 4);
      for (const by of [1, 2]) {
        await expect(x).toContainText(`${entropyBits(softmax(row, by)).toFixed(3)} ${t.bits}`);
      }
    }
    await expect(page).toHaveURL(/[?&]sd\.s=2(&|#)/);
  });
  test(`Jacobian (${lang}): softmax's diag(s) − ssᵀ and J·v, then LayerNorm by keyboard`, async ({ app, page }) => {
    const x = await explorer(app, 27, lang, t.jacobian);
    const x1 = x.getByRole("spinbutton", { name: "x₁", exact: true });
    await x1.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("3");
    const input = [3, 1, 0.1, -1];
    const v = [1, -1, 0, 0.5];
    const s = softmax(input);
    const J = s.map((si, i) => s.map((sj, j) => (i === j ? si : 0) - si * sj));
    const readouts = x.locator("dl");
    await expect(readouts).toContainText(vec(matVec(J, v), 6));

    await x.getByRole("button", { name: t.showTable }).press("Enter");
    const table = x.getByRole("table", { name: t.jacobianTable });
    const row1 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "f₁", exact: true }) });
    await expect(row1.getByRole("cell")).toHaveText(J[0].map((c) => c.toFixed(3)));

    // The radio group: arrow keys move to LayerNorm.
    await x.getByRole("radio", { name: "softmax", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(x.getByRole("radio", { name: "LayerNorm", exact: true })).toBeChecked();
    await expect(page).toHaveURL(/[?&]jc\.f=layernorm(&|#)/);
    const L = layerNormJacobian(input);
    await expect(readouts).toContainText(vec(matVec(L, v), 6));
    await expect(row1.getByRole("cell")).toHaveText(L[0].map((c) => c.toFixed(3)));
  });
  test(`PCA (${lang}): the correlation turns the components; the kept variance is λ₁ / (λ₁ + λ₂)`, async ({ app, page }) => {
    const x = await explorer(app, 28, lang, t.pca);
    const rho = x.getByRole("slider", { name: t.rho, exact: true });
    const readouts = x.locator("dl");
    await rho.focus();
    await press(page, "ArrowLeft", 12);
    await expect(rho).toHaveAttribute("aria-valuetext", "0.00");
    // σx = 2, σy = 1, ρ = 0: the axes, 4 / (4 + 1) kept.
    await expect(readouts).toContainText("(1.000, 0.000)");
    await expect(readouts).toContainText(pct(0.8));
    await press(page, "ArrowLeft", 6);
    await expect(rho).toHaveAttribute("aria-valuetext", "-0.30");
    await expect(page).toHaveURL(/[?&]pc\.r=-0\.3(&|#)/);
    const e = eigen2(4, -0.3 * 2 * 1, 1);
    await expect(readouts).toContainText(e.l1.toFixed(3));
    await expect(readouts).toContainText(e.l2.toFixed(3));
    await expect(readouts).toContainText(`(${e.u1[0].toFixed(3)}, ${e.u1[1].toFixed(3)})`);
    await expect(readouts).toContainText(pct(e.l1 / (e.l1 + e.l2)));

    // A new cloud: the sample covariance's share, from the same seeded normals.
    await x.getByRole("button", { name: t.newPoints }).press("Enter");
    await expect(page).toHaveURL(/[?&]pc\.s=2(&|#)/);
    const z = layer(2, 80);
    const pts = Array.from({ length: 40 }, (_, i) => [2 * z[2 * i], -0.3 * z[2 * i] + Math.sqrt(1 - 0.09) * z[2 * i + 1]]);
    const mean = [0, 1].map((k) => pts.reduce((s, p) => s + p[k], 0) / 40);
    const cov = (i: number, j: number) => pts.reduce((s, p) => s + (p[i] - mean[i]) * (p[j] - mean[j]), 0) / 39;
    const se = eigen2(cov(0, 0), cov(0, 1), cov(1, 1));
    await expect(readouts.getByText(pct(se.l1 / (se.l1 + se.l2)), { exact: true })).toBeVisible();
  });
  test(`causal vs bidirectional (${lang}): masked softmax for a query, and where the loss is`, async ({ app, page }) => {
    const x = await explorer(app, 9, lang, t.masks);
    const query = x.getByRole("slider", { name: t.queryToken, exact: true });
    await query.focus();
    await page.keyboard.press("Home");
    await expect(query).toHaveAttribute("aria-valuetext", `1 ${t.sentence[0]}`);
    await press(page, "ArrowRight", 3);
    await expect(query).toHaveAttribute("aria-valuetext", `4 ${t.sentence[3]}`);
    await expect(page).toHaveURL(/[?&]cm\.q=4(&|#)/);

    // The fixed scores: 12 × 12 normals from seed 2024, row by row; query 4 sees keys 1–4 causally.
    const z = layer(2024, 144);
    const row = z.slice(3 * 12, 4 * 12);
    const causal = softmax(row.slice(0, 4));
    const both = softmax(row);
    await x.getByRole("button", { name: t.showTable }).press("Enter");
    const table = x.getByRole("table", { name: t.maskWeights });
    const cellsOf = (j: number) =>
      table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${j + 1} ${t.sentence[j]}`, exact: true }) }).getByRole("cell");
    await expect(cellsOf(0)).toHaveText([row[0].toFixed(3), pct(causal[0]), pct(both[0])]);
    await expect(cellsOf(3)).toHaveText([row[3].toFixed(3), pct(causal[3]), pct(both[3])]);
    await expect(cellsOf(4)).toHaveText([row[4].toFixed(3), "—", pct(both[4])]);

    await expect(x).toContainText(`${t.nextToken} = 11`);
    const picked = x.locator(".xtokens__count").nth(1);
    await expect(picked).toContainText(`${t.mlmCount} = ${mlmPicked(18)}`);
    await x.getByRole("button", { name: t.newMasking }).press("Enter");
    await expect(page).toHaveURL(/[?&]cm\.s=19(&|#)/);
    await expect(picked).toContainText(`${t.mlmCount} = ${mlmPicked(19)}`);
  });
}

// Each card with an explorer, and whether that explorer has tables behind its charts (beam search
// shows its beams as lists and has none; every other one has a "Show table" button).
const CARDS: [number, string, boolean][] = [
  [1, L.en.tokenizer, true],
  [2, L.en.attention, true],
  [5, L.en.beam, false],
  [9, L.en.masks, true],
  [21, L.en.pe, true],
  [23, L.en.softmax, true],
  [25, L.en.ce, true],
  [29, L.en.kl, true],
  [24, L.en.scaling, true],
  [27, L.en.jacobian, true],
  [28, L.en.pca, true],
  [30, L.en.relu, true],
];

for (const [id, title, hasTables] of CARDS) {
  test(`explorer in card ${id} ${hasTables ? "shows its tables" : "has no tables"} and fits the screen`, async ({
    app,
  }, info) => {
    const x = await explorer(app, id, "en", title);
    const toggle = x.getByRole("button", { name: L.en.showTable });
    if (hasTables) {
      // The button opens the region it controls, which then holds a table.
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      const tables = x.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
      await expect(tables).toBeHidden();
      await toggle.click();
      await expect(x.getByRole("button", { name: L.en.hideTable })).toHaveAttribute("aria-expanded", "true");
      await expect(tables.getByRole("table").first()).toBeVisible();
    } else {
      await expect(toggle).toHaveCount(0);
    }
    // Nothing sticks out sideways (wide tables scroll inside their own box).
    const overflow = await x.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `explorer ${id} overflows`).toBeLessThanOrEqual(1);
    await x.screenshot({ path: `e2e/test-results/screens/explorer-q${id}-${info.project.name}.png` });
  });
}

test("explorer settings live in the URL: written on change, restored by a reload and a shared link", async ({ app, page }) => {
  const t = L.en;
  const x = await explorer(app, 22, "en", t.attention);
  const heads = x.getByRole("slider", { name: t.heads, exact: true });
  await expect(heads).toHaveValue("4");
  await heads.focus();
  await page.keyboard.press("Home");
  await expect(x.locator(".xheats figure")).toHaveCount(1);
  await expect(page).toHaveURL(/[?&]at\.h=1(&|#)/);
  await expect(page).toHaveURL(/#q22$/);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  const again = app.card(22).getByRole("group", { name: new RegExp(`${escape(t.attention)}$`) });
  await expect(again.getByRole("slider", { name: t.heads, exact: true })).toHaveValue("1");
  await expect(again.locator(".xheats figure")).toHaveCount(1);

  // Back at the card's own preset, the URL carries no explorer keys.
  await again.getByRole("slider", { name: t.heads, exact: true }).focus();
  await page.keyboard.press("End");
  await expect(again.locator(".xheats figure")).toHaveCount(4);
  await expect(page).not.toHaveURL(/at\./);

  // A link someone shared: the softmax explorer at T = 0.5, numbers to match.
  await app.open("?lang=en&sm.t=0.5#q23");
  const shared = app.card(23).getByRole("group", { name: new RegExp(`${escape(t.softmax)}$`) });
  await expect(shared.getByRole("slider", { name: t.temperature, exact: true })).toHaveAttribute("aria-valuetext", "0.5");
  await expect(shared.getByRole("listitem").filter({ hasText: `p(${t.cat})` })).toContainText(
    `= ${softmax([2, 1, 0.1, -1], 0.5)[0].toFixed(4)}`,
  );

  // Settings named for another card leave this one at its preset.
  await app.open("?lang=en&at.h=1#q2");
  await app.cardToggle(22).click();
  const other = app.card(22).getByRole("group", { name: new RegExp(`${escape(t.attention)}$`) });
  await expect(other.getByRole("slider", { name: t.heads, exact: true })).toHaveValue("4");
});

// ---- independent reference values ----

/** SplitMix64 + Box–Muller, as crates/core/src/sampling/draw.rs documents them. */
function layer(seed: number, n: number): number[] {
  const M = (1n << 64n) - 1n;
  let state = BigInt(seed);
  const next = () => {
    state = (state + 0x9e3779b97f4a7c15n) & M;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  };
  const unif = () => Number(next() >> 11n) / 2 ** 53;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u1 = 1 - unif();
    const u2 = unif();
    out.push(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  }
  return out;
}

const reference = (() => {
  const lines = readFileSync(resolve(__dirname, "../../crates/core/tests/data/explore_reference.txt"), "utf8").split("\n");
  const find = (prefix: string) => {
    const l = lines.find((x) => x.startsWith(prefix));
    if (!l) throw new Error(`no reference line ${prefix}`);
    return l.slice(prefix.length).split(" ");
  };
  return {
    encode: (word: string, m: number) => find(`bpe.encode ${word} ${m} `),
    vocab: (m: number) => Number(find(`bpe.vocab ${m} `)[0]),
  };
})();

/** The dot products of one query with 8 keys, width d, as crates/core/src/explore/scaling.rs draws
 *  them: 1,000 pairs of d-vectors first, then the query and the keys, all from one stream. */
function scalingRow(seed: number, d: number): number[] {
  const z = layer(seed, 1000 * 2 * d + 9 * d);
  const at = 1000 * 2 * d;
  const query = z.slice(at, at + d);
  return Array.from({ length: 8 }, (_, j) => {
    const key = z.slice(at + (j + 1) * d, at + (j + 2) * d);
    return key.reduce((s, v, i) => s + v * query[i], 0);
  });
}

function entropyBits(p: number[]): number {
  return -p.filter((x) => x > 0).reduce((s, x) => s + x * Math.log2(x), 0);
}

function matVec(m: number[][], v: number[]): number[] {
  return m.map((row) => row.reduce((acc, c, j) => acc + c * v[j], 0));
}

const vec = (xs: number[], decimals: number) => `(${xs.map((x) => x.toFixed(decimals)).join(", ")})`;

/** LayerNorm without scale and shift (ε = 1e-5), its Jacobian by the chain rule written out. */
function layerNormJacobian(x: number[]): number[][] {
  const n = x.length;
  const mu = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mu) ** 2, 0) / n + 1e-5);
  const y = x.map((v) => (v - mu) / sd);
  return y.map((yi, i) => y.map((yj, j) => ((i === j ? 1 : 0) - 1 / n - (yi * yj) / n) / sd));
}

/** Eigenvalues (largest first) and the first unit eigenvector (x ≥ 0) of [[a, b], [b, c]], from the
 *  characteristic polynomial λ² − (a + c)λ + (ac − b²). */
function eigen2(a: number, b: number, c: number) {
  const tr = a + c;
  const det = a * c - b * b;
  const disc = Math.sqrt((tr * tr) / 4 - det);
  const [l1, l2] = [tr / 2 + disc, tr / 2 - disc];
  // (A − λ₁I)u = 0: the second row gives u ∝ (λ₁ − c, b).
  let u = b === 0 ? (a >= c ? [1, 0] : [0, 1]) : [l1 - c, b];
  const n = Math.hypot(u[0], u[1]);
  u = u.map((v) => v / n);
  if (u[0] < 0) u = u.map((v) => -v);
  return { l1, l2, u1: u };
}

/** How many of the 12 positions the masked-language-modelling draw picks (crates/core/src/explore/masks.rs:
 *  per position u < 0.15 picks; a picked one draws r, and a third number when 0.8 ≤ r < 0.9). */
function mlmPicked(seed: number): number {
  const M = (1n << 64n) - 1n;
  let state = BigInt(seed);
  const unif = () => {
    state = (state + 0x9e3779b97f4a7c15n) & M;
    let v = state;
    v = ((v ^ (v >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    v = ((v ^ (v >> 27n)) * 0x94d049bb133111ebn) & M;
    return Number((v ^ (v >> 31n)) >> 11n) / 2 ** 53;
  };
  let n = 0;
  for (let i = 0; i < 12; i++) {
    if (unif() >= 0.15) continue;
    n++;
    const r = unif();
    if (r >= 0.8 && r < 0.9) unif();
  }
  return n;
}
