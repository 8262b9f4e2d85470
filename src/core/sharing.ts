/**
 * Who should have which file (issue 25, part 1), as Cấu hình says: each unit's file its owner (the clerk
 * who ran Thiết lập), the office and the unit's emails; the units' folder and the template its owner and
 * the office; the leaders' file its owner, the office and the leaders (readers); the office's file its owner
 * and the office. Anything else a file's sharing holds is a finding: someone not listed, "anyone with the
 * link", a whole domain, editors allowed to share on (and so to publish), a file published to the web.
 *
 * Pure: the shell reads the permissions (Drive) and passes them in.
 */

export type SharingIssue = 'anyone' | 'domain' | 'stranger' | 'writers-can-share' | 'published';

/** Which file a finding is about. */
export type SharedFile = 'unit' | 'folder' | 'leaders' | 'office' | 'template';

export interface SharingFinding {
  file: SharedFile;
  /** The unit's code, for a unit's file. */
  unit?: string;
  /** The unit's name, or '' for the office's own files (the message names them). */
  name: string;
  issue: SharingIssue;
  /** The email ('stranger') or the domain ('domain'). */
  who?: string;
  /** 'reader', 'commenter', 'writer'. */
  role?: string;
}

/** A permission as the Drive API gives it (v3 Permission: type user, group, domain or anyone). */
export interface PermissionSeen {
  type?: string | null;
  role?: string | null;
  emailAddress?: string | null;
  domain?: string | null;
}

/**
 * The findings of one file: every permission but the owner's and those of `allowed` (lower-case emails),
 * writersCanShare true, and a published revision.
 */
export function sharingFindings(
  where: { file: SharedFile; unit?: string; name: string },
  permissions: readonly PermissionSeen[],
  allowed: ReadonlySet<string>,
  flags: { writersCanShare?: boolean | null; published?: boolean } = {}
): SharingFinding[] {
  const out: SharingFinding[] = [];
  for (const p of permissions) {
    if (p.role === 'owner') continue;
    const role = p.role ?? '';
    if (p.type === 'anyone') out.push({ ...where, issue: 'anyone', role });
    else if (p.type === 'domain') out.push({ ...where, issue: 'domain', who: p.domain ?? '', role });
    else {
      const email = (p.emailAddress ?? '').toLowerCase();
      if (!allowed.has(email)) out.push({ ...where, issue: 'stranger', who: email, role });
    }
  }
  if (flags.writersCanShare === true) out.push({ ...where, issue: 'writers-can-share' });
  if (flags.published) out.push({ ...where, issue: 'published' });
  return out;
}
