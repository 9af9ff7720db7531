// Words for the corpus: English and Japanese prose, wrapped as mail clients wrap it.
import type { Random } from './random.js';

/** The language of a generated text. */
export type Lang = 'en' | 'ja';

const EN_WORDS = (
  'the of and to in is you that it for on are with as this be at have from or one had by word but not what all were ' +
  'we when your can said there use an each which she do how their if will up other about out many then them these so ' +
  'some her would make like him into time has look two more write go see number no way could people my than first ' +
  'water been call who oil its now find long down day did get come made may part order shipment account invoice ' +
  'payment password security update newsletter meeting schedule report quarter budget project release customer ' +
  'support ticket delivery tracking subscription renewal receipt confirmation application deadline campus seminar ' +
  'students registration document attached review approve please thank regards team service notice balance statement'
).split(' ');

const JA_PHRASES = [
  'いつもご利用いただき、誠にありがとうございます。',
  'ご注文の商品を本日発送いたしました。',
  'お届け予定日は以下のとおりです。',
  '会員登録の確認をお願いいたします。',
  'パスワード再設定のお知らせです。',
  '本メールは送信専用アドレスから配信されています。',
  'ご不明な点がございましたら、お問い合わせ窓口までご連絡ください。',
  '新商品のご案内をお送りします。',
  '期間限定のキャンペーンを実施中です。',
  '説明会の日程が決まりました。',
  '出願書類の受付を開始しました。',
  '入学試験の受験票を発行しました。',
  '学生の皆様へお知らせいたします。',
  '営業時間は平日の午前九時から午後六時までです。',
  'ポイントの有効期限が近づいています。',
  'ご請求金額とお支払い方法をご確認ください。',
  '領収書は会員ページからダウンロードできます。',
  '配送状況は追跡番号でご確認いただけます。',
  '会議の資料を添付いたします。',
  '引き続きよろしくお願いいたします。',
  '東京本社と大阪支店の担当者が対応いたします。',
  '京都キャンパスでの講演会は満席となりました。',
  'システムメンテナンスのため、一部のサービスを停止します。',
  'アカウントのセキュリティ設定を見直してください。',
  '株式会社サンプル　カスタマーサポート',
];

const JA_SENTENCES = JA_PHRASES.filter((p) => p.length > 4);

function sentenceEn(rng: Random): string {
  const n = rng.int(6, 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(EN_WORDS));
  if (rng.chance(0.15)) words.push(String(rng.int(1, 9999)));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + (rng.chance(0.1) ? '?' : '.');
}

function sentenceJa(rng: Random): string {
  if (rng.chance(0.15)) return `申込期限は${rng.int(2025, 2027)}年${rng.int(1, 12)}月${rng.int(1, 28)}日までです。`;
  return rng.pick(JA_SENTENCES);
}

/** Paragraphs of prose, about `approxChars` characters in all. */
export function paragraphs(rng: Random, lang: Lang, approxChars: number): string[] {
  const out: string[] = [];
  let total = 0;
  while (total < approxChars) {
    const sentences: string[] = [];
    const n = rng.int(2, 6);
    for (let i = 0; i < n; i++) sentences.push(lang === 'en' ? sentenceEn(rng) : sentenceJa(rng));
    const p = sentences.join(lang === 'en' ? ' ' : '');
    out.push(p);
    total += p.length + 2;
  }
  return out;
}

/** Break a paragraph into lines: at spaces near 72 columns for English, every 36 characters for Japanese. */
export function wrap(paragraph: string, lang: Lang): string[] {
  const lines: string[] = [];
  if (lang === 'ja') {
    for (let i = 0; i < paragraph.length; i += 36) lines.push(paragraph.slice(i, i + 36));
    return lines;
  }
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > 72) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A plain-text body: wrapped paragraphs separated by empty lines, and a signature block. */
export function plainText(rng: Random, lang: Lang, approxChars: number, signer: string): string[] {
  const lines: string[] = [lang === 'en' ? 'Hello,' : 'お客様各位', ''];
  for (const p of paragraphs(rng, lang, approxChars)) lines.push(...wrap(p, lang), '');
  lines.push('-- ', signer);
  return lines;
}

/** An HTML document of about `approxChars` characters, shaped like a newsletter. */
export function htmlText(rng: Random, lang: Lang, approxChars: number, signer: string): string[] {
  const lines = [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    '<style>body{margin:0;padding:0;background:#f4f4f4} .wrap{max-width:600px;margin:0 auto;background:#ffffff} p{font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.6;color:#333333}</style>',
    '</head><body>',
    '<table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td style="padding:24px">',
  ];
  let k = 0;
  for (const p of paragraphs(rng, lang, approxChars)) {
    if (k++ % 4 === 3) lines.push(`<p style="margin:0 0 16px"><a href="https://www.${signer}/c/${rng.int(100000, 999999)}?utm_source=mail&amp;utm_medium=email" style="color:#1a73e8">${lang === 'en' ? 'Read more' : '詳しくはこちら'}</a></p>`);
    lines.push(`<p style="margin:0 0 16px">${p}</p>`);
  }
  lines.push(`<p style="font-size:12px;color:#888888">&copy; ${signer}</p>`, '</td></tr></table></body></html>');
  return lines;
}
