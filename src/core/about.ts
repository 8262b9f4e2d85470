/**
 * "Giới thiệu và trợ giúp": the dialog's page, built from what the shell knows (the build's version and
 * date, the guide's address, Cấu hình's "Liên hệ hỗ trợ"). Every shown text is escaped.
 */
import { escapeHtml } from './diagnostics';
import { aboutMessages as am, permissionTexts } from './messages/install';

export interface AboutInfo {
  version: string;
  /** yyyy-mm-dd, as the build wrote it. */
  date: string;
  /** The guide's address ('' when the maintainer set none). */
  guideUrl: string;
  /** Cấu hình's "Liên hệ hỗ trợ" ('' when blank or when there is no Cấu hình yet). */
  support: string;
  /** The manifest's scopes, in its order. */
  scopes: readonly string[];
}

/** 2026-05-21 → 21/05/2026, as every date tonghop shows. */
export function dayMonthYear(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** Only web addresses become links: anything else is shown as text. */
function safeUrl(url: string): string | null {
  return /^https:\/\/[^\s"'<>]+$/.test(url) ? url : null;
}

export function aboutHtml(info: AboutInfo): string {
  const permissions = info.scopes
    .map((scope) => {
      const text = permissionTexts.find((p) => p.scope === scope);
      const label = am.permissionLabels[scope] ?? scope;
      return `<li><strong>${escapeHtml(label)}</strong>: ${escapeHtml(text?.use ?? scope)}</li>`;
    })
    .join('');
  const url = safeUrl(info.guideUrl);
  const guide = url
    ? `<a id="guide" href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(am.guideLink)}</a>`
    : `<span id="guide">${escapeHtml(am.guideMissing)}</span>`;
  const contact =
    info.support === ''
      ? `<p id="contact" class="missing">${escapeHtml(am.contactMissing)}</p>`
      : `<p id="contact">${escapeHtml(info.support)}</p>`;
  return [
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>',
    'body{font:13px/1.45 Arial,sans-serif;margin:0 4px;color:#202124}',
    'h1{font-size:16px;margin:4px 0 0}h2{font-size:13px;margin:14px 0 4px;color:#1a4f8b}',
    '#version{color:#5f6368;margin:2px 0 8px}ul{margin:4px 0;padding-left:20px}li{margin:3px 0}',
    '.missing{color:#b06000}button{margin-top:14px;padding:6px 18px}',
    '</style></head><body>',
    `<h1>${escapeHtml(am.heading)}</h1>`,
    `<p id="version">${escapeHtml(am.version(info.version, dayMonthYear(info.date)))}</p>`,
    `<p>${escapeHtml(am.what)}</p>`,
    `<h2>${escapeHtml(am.permissionsHeading)}</h2>`,
    `<p>${escapeHtml(am.permissionsIntro)}</p>`,
    `<ul id="permissions">${permissions}</ul>`,
    `<h2>${escapeHtml(am.guideHeading)}</h2>`,
    `<p>${guide}</p>`,
    `<h2>${escapeHtml(am.contactHeading)}</h2>`,
    contact,
    `<h2>${escapeHtml(am.upgradeHeading)}</h2>`,
    `<p id="upgrade">${escapeHtml(am.upgrade)}</p>`,
    `<button type="button" id="close" onclick="google.script.host.close()">${escapeHtml(am.close)}</button>`,
    '</body></html>',
  ].join('');
}
