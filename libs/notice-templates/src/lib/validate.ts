import { Template } from 'liquidjs';
import { RENEWAL_LINK_TEXT, RENEWAL_NOTICE_TITLE } from '@certdesk/domain';
import { NOTICE_KIND_INFO, NoticeKind, TEMPLATE_LIMITS } from './kinds';
import {
  NOTICE_FILTERS,
  parseTemplate,
  RENDER_LIMIT_MS,
  renderNotice,
  templateVariables,
  TemplateUsageError,
} from './engine';
import { findLinks, withoutLiquidTags } from './urls';
import {
  NOTICE_VARIABLES,
  noticeContext,
  SAMPLE_CREDIT_UNION,
  sampleFacts,
  variablesFor,
} from './variables';

export type TemplateField = 'subject' | 'body';

/** One reason a template cannot be saved, in Japanese, naming the field it is about. */
export interface TemplateProblem {
  field: TemplateField;
  reason: string;
}

const FIELD_LABELS: Record<TemplateField, string> = {
  subject: '件名',
  body: '本文',
};

/** A liquidjs (or filter) error in the words a manager can act on, with its line when known. */
export function describeTemplateError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /line:(\d+), col:(\d+)/.exec(message);
  const where = position ? `（${position[1]}行目 ${position[2]}文字目）` : '';
  const usage = findUsageError(error);
  if (usage) return `${usage.message}${where}`;
  let match: RegExpExecArray | null;
  if ((match = /undefined filter: ([^\s,]+)/.exec(message))) {
    return `フィルター「${match[1]}」はありません。使えるのは ${NOTICE_FILTERS.map((f) => f.name).join('、')} と Liquid 標準のフィルターです${where}`;
  }
  if ((match = /undefined variable: ([^\s,]+)/.exec(message)))
    return `変数「${match[1]}」はありません${where}`;
  if ((match = /tag "?([^\s",]+)"? not found/.exec(message)))
    return `タグ「${match[1]}」はありません${where}`;
  if (/not closed/.test(message))
    return `「{{ 」または「{% 」が閉じられていません${where}`;
  if (/render limit exceeded/i.test(message))
    return `テンプレートの差し込みに時間がかかりすぎます（上限 ${RENDER_LIMIT_MS} ミリ秒）。繰り返し（for）を減らしてください${where}`;
  if (/limit exceeded/i.test(message))
    return `テンプレートの処理量が上限を超えました。繰り返しを減らしてください${where}`;
  return `テンプレートの書き方に誤りがあります${where}: ${message.replace(/, line:\d+, col:\d+.*$/s, '')}`;
}

function findUsageError(error: unknown): TemplateUsageError | null {
  for (
    let e: unknown = error, depth = 0;
    e instanceof Error && depth < 5;
    depth++
  ) {
    if (e instanceof TemplateUsageError) return e;
    e =
      (e as { originalError?: unknown; cause?: unknown }).originalError ??
      (e as { cause?: unknown }).cause;
  }
  return null;
}

function unknownVariableReason(kind: NoticeKind, name: string): string {
  const known = NOTICE_VARIABLES.find((variable) => variable.name === name);
  if (known) {
    const where = known.kinds
      .map((k) => `「${NOTICE_KIND_INFO[k].label}」`)
      .join('');
    return `変数「${name}」（${known.label}）はこのテンプレートでは使えません（使えるのは${where}です）`;
  }
  const names = variablesFor(kind)
    .map((variable) => variable.name)
    .join('、');
  return `変数「${name}」はありません。使える変数: ${names}`;
}

function checkField(
  kind: NoticeKind,
  field: TemplateField,
  source: unknown,
  problems: TemplateProblem[],
): Template[] | null {
  const label = FIELD_LABELS[field];
  const add = (reason: string) => problems.push({ field, reason });
  if (typeof source !== 'string' || source.trim() === '') {
    add(`${label}を入力してください`);
    return null;
  }
  const max =
    field === 'subject'
      ? TEMPLATE_LIMITS.subjectMaxLength
      : TEMPLATE_LIMITS.bodyMaxLength;
  if (source.length > max)
    add(
      `${label}は${max}文字以内で入力してください（現在 ${source.length} 文字）`,
    );
  if (field === 'subject' && /[\r\n]/.test(source))
    add('件名は1行で入力してください');
  if (NOTICE_KIND_INFO[kind].channel === 'email') {
    const links = findLinks(withoutLiquidTags(source));
    if (links.length > 0) add(linkReason(label, links));
  }
  let parsed: Template[];
  try {
    parsed = parseTemplate(source);
  } catch (error) {
    add(`${label}: ${describeTemplateError(error)}`);
    return null;
  }
  const allowed = new Set(variablesFor(kind).map((variable) => variable.name));
  for (const name of templateVariables(parsed)) {
    if (!allowed.has(name))
      add(`${label}: ${unknownVariableReason(kind, name)}`);
  }
  return parsed;
}

function linkReason(label: string, links: string[]): string {
  const shown = links
    .slice(0, 3)
    .map((l) => `「${l}」`)
    .join('');
  return `${label}にURLやドメイン名${shown}は書けません。フィッシングと区別できるよう、メールにはリンクを載せず、「ログオン後の重要なお知らせから」のように手順で案内してください`;
}

/**
 * Everything that stops a template from being saved, in Japanese: empty or too long fields, a
 * multi-line subject, syntax errors, variables the kind does not have, filters that do not exist,
 * and for e-mail any URL or domain name (in the text, and in the output of a sample render).
 * Empty when the template is fine.
 */
export function validateTemplate(
  kind: NoticeKind,
  source: { subject: unknown; body: unknown },
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const subject = checkField(kind, 'subject', source.subject, problems);
  const body = checkField(kind, 'body', source.body, problems);
  if (problems.length > 0 || !subject || !body) return problems;
  const today = '2026-12-01';
  try {
    const { rendered, milliseconds } = timedSampleRender(
      kind,
      { subject: source.subject as string, body: source.body as string },
      noticeContext(kind, sampleFacts(kind, today, SAMPLE_CREDIT_UNION)),
    );
    if (milliseconds > SAMPLE_RENDER_LIMIT_MS) {
      problems.push({ field: 'body', reason: slowReason(milliseconds) });
    } else if (rendered.text.length > TEMPLATE_LIMITS.renderedBodyMaxLength) {
      problems.push({
        field: 'body',
        reason: `差し込み後の本文が${TEMPLATE_LIMITS.renderedBodyMaxLength}文字を超えます`,
      });
    } else if (kind === 'important_notice_renewal') {
      problems.push(...importantNoticeProblems(source.subject, rendered.html));
    } else if (NOTICE_KIND_INFO[kind].channel === 'email') {
      for (const [field, text] of [
        ['subject', rendered.subject],
        ['body', rendered.text],
      ] as const) {
        const links = findLinks(text);
        if (links.length > 0)
          problems.push({
            field,
            reason: linkReason(`${FIELD_LABELS[field]}（差し込み後）`, links),
          });
      }
    }
  } catch (error) {
    problems.push({
      field: 'body',
      reason: /render limit exceeded/.test(String(error))
        ? slowReason(RENDER_LIMIT_MS, true)
        : `サンプルデータでの差し込みに失敗しました: ${describeTemplateError(error)}`,
    });
  }
  return problems;
}

/**
 * The most a template's render on the sample data may take for it to be saved or published (the
 * shipped ones take a small fraction of it: docs/benchmarks.md). Far below {@link RENDER_LIMIT_MS}:
 * what runs on every log-on must stay cheap even on a busy server.
 */
export const SAMPLE_RENDER_LIMIT_MS = 5;

/** Why a slow template is refused; `stopped` when the render hit {@link RENDER_LIMIT_MS} and was cut off. */
function slowReason(milliseconds: number, stopped = false): string {
  return `サンプルデータでの差し込みに${Math.round(milliseconds)}ミリ秒${stopped ? '以上' : ''}かかりました（上限 ${SAMPLE_RENDER_LIMIT_MS} ミリ秒）。お知らせはログオンのたびに差し込むため、繰り返し（for）などを減らしてください`;
}

/**
 * Renders and times it. A render over the limit is tried up to four more times and the fastest counts, so a
 * pause of the machine (GC, another process) does not refuse a template that is really cheap.
 */
function timedSampleRender(
  kind: NoticeKind,
  source: { subject: string; body: string },
  context: ReturnType<typeof noticeContext>,
): { rendered: ReturnType<typeof renderNotice>; milliseconds: number } {
  let fastest = Infinity;
  let rendered: ReturnType<typeof renderNotice> | null = null;
  for (
    let attempt = 0;
    attempt < 5 && fastest > SAMPLE_RENDER_LIMIT_MS;
    attempt++
  ) {
    const started = performance.now();
    rendered = renderNotice(kind, source, context);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return {
    rendered: rendered as ReturnType<typeof renderNotice>,
    milliseconds: fastest,
  };
}

/**
 * 重要なお知らせ (the seed's ②③): the title is the one the renewal mail's steps quote word for word,
 * and the body holds the link 「電子証明書の更新はこちら」 (`{{ renewalLink }}`) the customer renews from.
 */
function importantNoticeProblems(
  subject: unknown,
  html: string | null,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (subject !== RENEWAL_NOTICE_TITLE)
    problems.push({
      field: 'subject',
      reason: `件名は「${RENEWAL_NOTICE_TITLE}」としてください。更新案内メールの手順がこの件名のお知らせを選ぶよう案内しています`,
    });
  if (!html?.includes(`${RENEWAL_LINK_TEXT}</a>`))
    problems.push({
      field: 'body',
      reason: `本文に「{{ renewalLink }}」（「${RENEWAL_LINK_TEXT}」のリンク）を入れてください。お客さまはこのリンクから更新します`,
    });
  return problems;
}
