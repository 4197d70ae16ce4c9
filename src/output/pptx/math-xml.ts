/**
 * Put the formulas into the written slides. The slide shapes carry a marker run for each
 * formula (`\uE000n\uE001`); here each shape holding one becomes PowerPoint's own form of an
 * equation shape: `mc:AlternateContent` whose choice (Office 2010 and later, `a14`) holds the
 * OMML (`a14:m` with `m:oMath`) and whose fallback, for readers without Office Math, is
 * the shape as the browser drew it (a picture filling the shape, as PowerPoint writes it), or
 * the formula's TeX as text where no picture was taken.
 */
import { escapeHtml } from "../../util/html.js";

export const mathMarker = (n: number): string => `\uE000${n}\uE001`;

const MARKER_RUN = /<a:r>((?:(?!<\/a:r>)[\s\S])*?)<a:t>\uE000(\d+)\uE001<\/a:t><\/a:r>/g;
const A14 = "http://schemas.microsoft.com/office/drawing/2010/main";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

export interface MathXml {
  omml: (string | undefined)[];
  tex: string[];
  display: boolean[];
  /** Relationship id, in its slide, of the picture of the shape whose first formula this is. */
  pictures?: (string | undefined)[];
}

/** DrawingML properties for the formula's runs: the marker run's size and colour, Cambria Math. */
function mathRunProps(markerProps: string): string {
  const size = /\bsz="(\d+)"/.exec(markerProps)?.[1];
  const fill = /<a:solidFill>[\s\S]*?<\/a:solidFill>/.exec(markerProps)?.[0] ?? "";
  return `<a:rPr lang="en-US" i="1"${size ? ` sz="${size}"` : ""}>${fill}<a:latin typeface="Cambria Math" panose="02040503050406030204" pitchFamily="18" charset="0"/></a:rPr>`;
}

function withMath(sp: string, m: MathXml): string {
  return sp.replace(MARKER_RUN, (_, props: string, n: string) => {
    const i = Number(n);
    const omml = m.omml[i];
    if (omml === undefined) return `<a:r>${props}<a:t>${escapeHtml(m.tex[i] ?? "")}</a:t></a:r>`;
    const rPr = mathRunProps(props);
    const runs = omml.replace(/<m:r>(<m:rPr>[\s\S]*?<\/m:rPr>)?/g, (_, own: string | undefined) => `<m:r>${own ?? ""}${rPr}`);
    const body = m.display[i]
      ? `<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:oMathParaPr><m:jc m:val="centerGroup"/></m:oMathParaPr>${runs}</m:oMathPara>`
      : runs;
    return `<a14:m xmlns:a14="${A14}">${body}</a14:m>`;
  });
}

function withTex(sp: string, m: MathXml): string {
  return sp.replace(MARKER_RUN, (_, props: string, n: string) => `<a:r>${props}<a:t>${escapeHtml(m.tex[Number(n)] ?? "")}</a:t></a:r>`);
}

/** The shape as a picture: its place kept, the picture (`rId`) as its fill, no text. */
function pictured(sp: string, rId: string): string {
  return sp
    .replace(/<p:spPr\b[^>]*>([\s\S]*?)<\/p:spPr>/, (_, inner: string) => {
      const xfrm = /<a:xfrm\b[\s\S]*?<\/a:xfrm>/.exec(inner)?.[0] ?? "";
      return `<p:spPr>${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill></p:spPr>`;
    })
    .replace(/<p:txBody>[\s\S]*<\/p:txBody>/, '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody>');
}

/** A slide's XML with its formulas in; the count of native equations it now holds. */
export function placeMath(slideXml: string, m: MathXml): { xml: string; equations: number } {
  let equations = 0;
  const xml = slideXml.replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*<\/p:sp>/g, (sp) => {
    const found = [...sp.matchAll(MARKER_RUN)].filter((x) => m.omml[Number(x[2])] !== undefined).length;
    if (!sp.includes("\uE000")) return sp;
    if (found === 0) return withTex(sp, m);
    equations += found;
    const first = Number(/\uE000(\d+)\uE001/.exec(sp)?.[1]);
    const rId = m.pictures?.[first];
    const fallback = rId ? pictured(sp, rId) : withTex(sp, m);
    return `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice xmlns:a14="${A14}" Requires="a14">${withMath(sp, m)}</mc:Choice><mc:Fallback>${fallback}</mc:Fallback></mc:AlternateContent>`;
  });
  return { xml, equations };
}
