/**
 * `citedSegments`: a text cut into the ordered segments a renderer needs, each with the
 * citations that cover it.
 *
 * @module
 */
import { CitedText, type CitationOffsets } from './locate-citation';

/** What {@link citedSegments} reads of a V2 citation to find its block: V2's `Citation` has it. */
export interface BlockCitation extends CitationOffsets {
  /** The content block the offsets count in (0 when absent). */
  readonly content_index?: number | null | undefined;
  /** `TEXT_CONTENT`, `THINKING_CONTENT`, or `PLAN` for a citation of the tool plan. */
  readonly type?: string | null | undefined;
}

/** What {@link citedSegments} reads of a content block: a V2 `text` or `thinking` block. */
export interface ContentBlockText {
  readonly type: string;
  readonly text?: string | null | undefined;
  readonly thinking?: string | null | undefined;
}

/** A list as responses and snapshots hold it: absent, or with holes where an index has not arrived. */
export type SparseList<T> = readonly (T | null | undefined)[] | null | undefined;

/** One piece of a cited text: a run of characters that the same citations cover. */
export interface CitedSegment<C> {
  /** The segment's text. The segments of a block, joined, are the block's text. */
  readonly text: string;
  /** The citations that cover the whole segment, in the order they were given; none for uncited text. */
  readonly citations: readonly C[];
  /** The content block it belongs to (0 for a single text). */
  readonly contentIndex: number;
  /** The block's `type`: `text` or `thinking` (`text` for a single text). */
  readonly contentType: string;
  /** Where it starts in the block's text, as a JavaScript string index. */
  readonly start: number;
  /** Where it ends (exclusive). */
  readonly end: number;
}

/** A citation placed in its text, with its position in the list it came in. */
interface Span<C> {
  readonly citation: C;
  readonly start: number;
  readonly end: number;
}

/** The segments of one text: cut at every start and end of a span, each with the spans that cover it. */
function segmentsOf<C>(text: string, citations: readonly C[], contentIndex: number, contentType: string): CitedSegment<C>[] {
  if (text === '') return [];
  const cited = new CitedText(text);
  const spans: Span<C>[] = [];
  for (const citation of citations) {
    const location = cited.locate(citation as CitationOffsets);
    if (location !== undefined && location.end > location.start) spans.push({ citation, start: location.start, end: location.end });
  }
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const segments: CitedSegment<C>[] = [];
  for (let at = 1; at < cuts.length; at++) {
    const start = cuts[at - 1] ?? 0;
    const end = cuts[at] ?? text.length;
    const covering = spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.citation);
    segments.push({ text: text.slice(start, end), citations: covering, contentIndex, contentType, start, end });
  }
  return segments;
}

/** The text of a content block: `text`, or `thinking` for a thinking block. */
const blockText = (block: ContentBlockText): string => (block.type === 'thinking' ? block.thinking : block.text) ?? '';

/** The segments of every block, each citation in the block its `content_index` names (`PLAN` citations in none). */
function blockSegments<C extends BlockCitation>(content: SparseList<ContentBlockText>, citations: SparseList<C>): CitedSegment<C>[] {
  const byBlock = new Map<number, C[]>();
  for (const citation of citations ?? []) {
    if (citation == null || citation.type === 'PLAN') continue;
    const index = citation.content_index ?? 0;
    const block = byBlock.get(index);
    if (block === undefined) byBlock.set(index, [citation]);
    else block.push(citation);
  }
  return (content ?? []).flatMap((block, index) => (block == null ? [] : segmentsOf(blockText(block), byBlock.get(index) ?? [], index, block.type)));
}

/** What {@link citedSegments} reads of a V2 `ChatResponse` or `ChatSnapshot`: content blocks and citations. */
export interface V2CitedResponse<C> {
  readonly message: { readonly content?: SparseList<ContentBlockText>; readonly citations?: SparseList<C> };
}

/** What {@link citedSegments} reads of a V1 `Chat`: its text and citations. */
export interface V1CitedResponse<C> {
  readonly text?: string | null | undefined;
  readonly citations?: SparseList<C>;
}

/**
 * A text cut into ordered segments, each with the citations that cover it: what a renderer
 * needs to underline cited spans, add footnote marks or link sources, whatever the order of the
 * citations and however they overlap or nest.
 *
 * <span class="informal">One text and its citations; V2 content blocks and their citations; or
 * a whole `ChatResponse` (or `ChatSnapshot`) or V1 `Chat`.</span>
 *
 * 1. Each citation is placed by its `start`/`end`, which Cohere counts in Unicode code points
 *    (see {@link locateCitation}): the offsets are turned into JavaScript string indices, so a
 *    text with emoji before a cited span is cut where the API meant. When the offsets do not
 *    select the citation's `text`, they are read as UTF-16 code units, then the occurrence of
 *    the text nearest to them is used. A citation that neither places, and an empty one, covers
 *    no segment: {@link locateCitation} tells why.
 * 2. The text is cut at every start and end of a cited span. The segments come in text order,
 *    uncited runs included, and joined they give the text back; each lists the citations that
 *    cover it whole, in the order they were given, so a nested citation's segments list the
 *    outer one too.
 * 3. With content blocks (`message.content` of a V2 response), each citation goes to the block
 *    its `content_index` names (0 when absent), text and thinking alike; citations of the tool
 *    plan (`type: 'PLAN'`) are left out: pass `message.tool_plan` with them instead. Every
 *    segment says its block (`contentIndex`, `contentType`).
 * 4. The citations are the objects given, sources and all (documents, tool results), so a
 *    segment leads straight to what it cites. Cost: one pass over each text, plus, per segment,
 *    one look at each citation of its block.
 *
 * @example
 * ```ts
 * import { citedSegments } from 'cohere-rx';
 *
 * const text = 'Emperor penguins 🐧 are the tallest penguins.';
 * const citations = [{ start: 0, end: 16, text: 'Emperor penguins' }, { start: 23, end: 43, text: 'the tallest penguins' }];
 * for (const segment of citedSegments(text, citations)) console.log(JSON.stringify(segment.text), segment.citations.length);
 * // "Emperor penguins" 1, " 🐧 are " 0, "the tallest penguins" 1, "." 0
 * ```
 *
 * @param text The cited text (V1's `text`, a V2 block's text), or the V2 content blocks.
 * @param citations Their citations, in any order.
 * @returns The segments, in text order (block by block).
 */
export function citedSegments<C extends CitationOffsets>(text: string, citations: SparseList<C>): CitedSegment<C>[];
export function citedSegments<C extends BlockCitation>(content: SparseList<ContentBlockText>, citations: SparseList<C>): CitedSegment<C>[];
/**
 * The segments of a whole response: a V2 `ChatResponse` or `ChatSnapshot` (its content blocks
 * and citations), or a V1 `Chat` (its text and citations).
 *
 * @param response The response.
 * @returns The segments, in text order (block by block).
 */
export function citedSegments<C extends BlockCitation>(response: V2CitedResponse<C> | V1CitedResponse<C>): CitedSegment<C>[];
export function citedSegments<C extends BlockCitation>(
  subject: string | SparseList<ContentBlockText> | V2CitedResponse<C> | V1CitedResponse<C>,
  citations?: SparseList<C>,
): CitedSegment<C>[] {
  if (typeof subject === 'string') return segmentsOf(subject, present(citations), 0, 'text');
  if (subject == null || Array.isArray(subject)) return blockSegments(subject as SparseList<ContentBlockText>, citations);
  if ('message' in subject) return blockSegments(subject.message.content, subject.message.citations);
  const v1 = subject as V1CitedResponse<C>;
  return segmentsOf(v1.text ?? '', present(v1.citations), 0, 'text');
}

/** The citations of a list, its holes left out. */
function present<C>(citations: SparseList<C>): C[] {
  return (citations ?? []).filter((citation): citation is C => citation != null);
}
