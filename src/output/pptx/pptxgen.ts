/**
 * pptxgenjs as this ESM package sees it: its types are written for CommonJS (`export default`
 * inside a CommonJS declaration), so under NodeNext the class sits at `.default` for the type
 * checker while Node's import hands over the class itself. One place knows that.
 */
import pptxgenModule from "pptxgenjs";

type PptxClass = typeof pptxgenModule.default;

/** The pptxgenjs class. */
export const PptxGenJS = ((pptxgenModule as unknown as { default?: PptxClass }).default ?? pptxgenModule) as unknown as PptxClass;
export type Pptx = InstanceType<PptxClass>;
export type PptxSlide = ReturnType<Pptx["addSlide"]>;
export type TextProps = Exclude<Parameters<PptxSlide["addText"]>[0], string>[number];
