import { describe, expect, it } from "vitest";
import { typeOfFile } from "../../src/util/mime.js";

describe("typeOfFile", () => {
  it.each([
    ["talk/index.html", "text/html; charset=utf-8"],
    ["assets/theme.CSS", "text/css; charset=utf-8"],
    ["assets/reveal/reveal.js", "text/javascript; charset=utf-8"],
    ["assets/fonts/KaTeX_Main-Regular.woff2", "font/woff2"],
    ["media/figure.svg", "image/svg+xml"],
    ["talk.pdf", "application/pdf"],
    [".lectern.json", "application/json"],
    ["media/a.png", "image/png"],
    ["media/a.jpeg", "image/jpeg"],
    ["favicon.ico", "image/x-icon"],
  ])("%s is %s", (path, type) => {
    expect(typeOfFile(path)).toBe(type);
  });

  // the hand-written table knew 18 extensions; these were sent as application/octet-stream
  it.each([
    ["media/anim.apng", "image/apng"],
    ["media/photo.jxl", "image/jxl"],
    ["media/scan.tiff", "image/tiff"],
    ["media/clip.mp4", "video/mp4"],
    ["media/clip.webm", "video/webm"],
    ["notes.txt", "text/plain; charset=utf-8"],
    ["assets/reveal/reveal.js.map", "application/json"],
  ])("knows the rest of the IANA list: %s is %s", (path, type) => {
    expect(typeOfFile(path)).toBe(type);
  });

  it("calls what it does not know application/octet-stream", () => {
    for (const path of ["README", "x.unknownext", "dir.d/", ""]) expect(typeOfFile(path)).toBe("application/octet-stream");
  });
});
