/** The agenda: split over as many slides as its entries need, numbered on across them. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { planAgenda } from "../../src/plan/agenda.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { withoutNumber } from "../../src/render/slides.js";
import { slidesHtml } from "../helpers.js";

const article = (n: number, title = (i: number) => `${i}.第${i}节的标题`) =>
  `# 文档\n\n${Array.from({ length: n }, (_, i) => `## ${title(i + 1)}\n\n内容。\n`).join("\n")}`;

describe("agenda", () => {
  it("keeps a short agenda on one slide", () => {
    expect(planAgenda(["A", "B", "C"], DEFAULT_METRICS).map((s) => s.entries)).toEqual([{ from: 0, to: 3 }]);
  });

  it("continues a 30-section agenda on further slides of the same stack, every section listed once, in order", () => {
    const deck = buildDeck(article(30), { file: "long.md" });
    const stack = deck.plan.stacks[1]?.slides ?? [];
    expect(stack.every((s) => s.kind === "agenda")).toBe(true);
    expect(stack.length).toBeGreaterThan(1);
    expect(stack.map((s) => s.continued)).toEqual(stack.map((_, i) => i > 0));
    const agendas = [...slidesHtml(deck.html).matchAll(/<section class="lectern-agenda"[\s\S]*?<\/section>/g)].map((m) => m[0]);
    expect(agendas).toHaveLength(stack.length);
    const items = agendas.flatMap((a) => [...a.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]));
    expect(items).toEqual(Array.from({ length: 30 }, (_, i) => `第${i + 1}节的标题`));
    // the numbering goes on where the previous slide stopped; the continuation is marked
    const second = agendas[1] as string;
    expect(second).toContain(`counter-reset: lectern-agenda ${stack[1]?.entries?.from}`);
    expect(second).toMatch(/<h2>目录<span class="lectern-cont">（续）<\/span><\/h2>/);
  });

  it("puts fewer entries on a slide when the titles wrap", () => {
    const short = planAgenda(
      Array.from({ length: 40 }, (_, i) => `第${i}节`),
      DEFAULT_METRICS,
    );
    const long = planAgenda(
      Array.from({ length: 40 }, (_, i) => `第${i}节：一个很长很长的标题，在两栏的目录里要折成两行才放得下`),
      DEFAULT_METRICS,
    );
    expect(long.length).toBeGreaterThan(short.length);
  });

  it("drops a title's own leading number (the disc shows it), and only its own", () => {
    expect(withoutNumber("1.背景介绍", 1)).toBe("背景介绍");
    expect(withoutNumber("2 Methods", 2)).toBe("Methods");
    expect(withoutNumber("3、结论", 3)).toBe("结论");
    expect(withoutNumber("2024 年回顾", 1)).toBe("2024 年回顾");
    expect(withoutNumber("1.5 倍速", 2)).toBe("1.5 倍速");
    expect(withoutNumber("3.14 圆周率", 3)).toBe("3.14 圆周率");
    expect(withoutNumber("Alpha", 1)).toBe("Alpha");
  });
});
