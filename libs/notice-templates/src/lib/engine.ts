import { Liquid, Template } from 'liquidjs';
import {
  formatJapaneseDate,
  formatWareki,
  IB_RENEWAL_PATH,
  isIsoDate,
  RENEWAL_LINK_TEXT,
} from '@certdesk/domain';
import { NOTICE_KIND_INFO, NoticeChannel, NoticeKind } from './kinds';
import { NoticeContext } from './variables';

/** Thrown by the `jdate`/`wareki` filters and the forbidden tags; its message is shown to managers. */
export class TemplateUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateUsageError';
  }
}

function dateFilter(name: string, format: (date: string) => string) {
  return (value: unknown): string => {
    if (!isIsoDate(value)) {
      throw new TemplateUsageError(
        `${name} フィルターには日付の変数（expiryDate など）を指定してください`,
      );
    }
    return format(value);
  };
}

/** Our filters, documented for the editor's palette. */
export const NOTICE_FILTERS: readonly {
  name: string;
  description: string;
  example: string;
}[] = Object.freeze([
  {
    name: 'jdate',
    description: '日付を西暦で表示します',
    example: '{{ expiryDate | jdate }} → 2026年12月25日(金)',
  },
  {
    name: 'wareki',
    description: '日付を和暦で表示します',
    example: '{{ expiryDate | wareki }} → 令和8年12月25日(金)',
  },
]);

/**
 * Wall-clock milliseconds one render may take before liquidjs stops it ("template render limit
 * exceeded"). The shipped templates render far faster; a 重要なお知らせ is rendered on every
 * `/ib/notices`, synchronously, so this bounds how long a bad template can hold the event loop.
 */
export const RENDER_LIMIT_MS = 50;

/**
 * Liquid in strict mode: an unknown variable or filter is an error, not an empty string. No file
 * system (include/render/layout refused), own properties only, and hard limits on parse and render
 * work so a template cannot hang the process.
 */
function createEngine(): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {},
    parseLimit: 50_000,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: 1_000_000,
  });
  liquid.registerFilter('jdate', dateFilter('jdate', formatJapaneseDate));
  liquid.registerFilter('wareki', dateFilter('wareki', formatWareki));
  for (const tag of ['include', 'render', 'layout', 'block']) {
    liquid.registerTag(tag, {
      parse() {
        throw new TemplateUsageError(`{% ${tag} %} は使えません`);
      },
      render() {
        return '';
      },
    });
  }
  return liquid;
}

export const engine = createEngine();

const parsed = new Map<string, Template[]>();
const PARSED_MAX = 200;

/** Parses a template text (throws liquidjs errors or {@link TemplateUsageError}); the few texts in use are kept parsed. */
export function parseTemplate(source: string): Template[] {
  const known = parsed.get(source);
  if (known) return known;
  const templates = engine.parse(stripMarkers(source));
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(source, templates);
  return templates;
}

/** Variables a parsed template reads from its context (not those it assigns itself). */
export function templateVariables(templates: Template[]): string[] {
  return engine.globalVariablesSync(templates);
}

/** A rendered notice: `html` only for the 重要なお知らせ channel. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string | null;
}

// Private-use characters: the renewal link's place in the text, replaced after HTML escaping.
const LINK_OPEN = '\uE000';
const LINK_CLOSE = '\uE001';
const LINK_MARKER = `${LINK_OPEN}renewal-link${LINK_CLOSE}`;
const MARKERS = /[\uE000\uE001]/g;

function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

function cleanContext(
  context: NoticeContext,
  channel: NoticeChannel,
): NoticeContext {
  const clean: NoticeContext = {};
  for (const [name, value] of Object.entries(context)) {
    clean[name] = typeof value === 'string' ? stripMarkers(value) : value;
  }
  if (channel === 'important_notice' && 'renewalLink' in clean)
    clean['renewalLink'] = LINK_MARKER;
  return clean;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * The 重要なお知らせ body as HTML: every character of the rendered text is escaped (template text
 * and values alike), blank lines make paragraphs, line breaks `<br>`, and `{{ renewalLink }}`
 * becomes the link to the renewal screen.
 */
export function toImportantNoticeHtml(
  text: string,
  renewalUrl: string,
): string {
  const link = `<a href="${escapeHtml(renewalUrl)}">${RENEWAL_LINK_TEXT}</a>`;
  return text
    .split(/\n{2,}/)
    .map(
      (paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n')
    .split(LINK_MARKER)
    .join(link)
    .replace(MARKERS, '');
}

/** Where the IB channel's renewal link points: the IB portal's renewal screen (libs/domain `IB_RENEWAL_PATH`). */
export const DEFAULT_RENEWAL_URL = IB_RENEWAL_PATH;

/**
 * Renders subject and body for `kind`'s channel. Mail is plain text (no escaping; the subject kept
 * on one line); 重要なお知らせ gets {@link toImportantNoticeHtml}, with `text` its plain form.
 */
export function renderNotice(
  kind: NoticeKind,
  source: { subject: string; body: string },
  context: NoticeContext,
  renewalUrl = DEFAULT_RENEWAL_URL,
): RenderedNotice {
  const channel = NOTICE_KIND_INFO[kind].channel;
  const values = cleanContext(context, channel);
  const subject = engine.renderSync(
    parseTemplate(source.subject),
    values,
  ) as string;
  const rendered = (
    engine.renderSync(parseTemplate(source.body), values) as string
  ).replace(/\r\n?/g, '\n');
  const oneLine = subject.replace(/[\r\n\t]+/g, ' ').trim();
  if (channel === 'email')
    return { subject: oneLine, text: rendered, html: null };
  return {
    subject: oneLine,
    text: rendered.split(LINK_MARKER).join(RENEWAL_LINK_TEXT),
    html: toImportantNoticeHtml(rendered, renewalUrl),
  };
}
