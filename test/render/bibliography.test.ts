import { describe, expect, it } from "vitest";
import { parseBibliography } from "../../src/render/bibliography.js";

describe("BibTeX author-year labels", () => {
  it("names one author, two, or the first and et al.", () => {
    const bib = parseBibliography(`@book{a, author = {Cauchy, Augustin}, year = {1847}}
@book{b,
  author = {Golub, Gene H. and Van Loan, Charles F.},
  year = 1996
}
@inproceedings{c, author = "Li, Mu and Zhang, Tong and Chen, Yuqiang", year = {2014}}
@misc{d, title = {no author}}`);
    expect([...bib]).toEqual([
      ["a", "Cauchy, 1847"],
      ["b", "Golub & Van Loan, 1996"],
      ["c", "Li et al., 2014"],
    ]);
  });
});
