/**
 * The sharing audit of every Tổng hợp (issue 25, part 1): each unit's file, the units' folder, the leaders'
 * file and the office's file checked against Cấu hình (core/sharing.ts says who should have what).
 *
 * Calls, whatever the number of units: the units' files with their permissions and writersCanShare in one
 * Drive files.list a page of 100 ("permissions: … only available if the requesting user can share the file",
 * v3 File; files.list takes drive.file, developers.google.com/drive/api/reference/rest/v3/files/list), so
 * 2–3 pages for 200 units; the folder's permissions.list; the leaders' file's files.get and revisions.list
 * (published); the office file's viewers (Spreadsheet.getViewers; its editors are read already). Seven or so
 * calls, about 2 s under the cost model, once per run.
 *
 * Under drive.file the Drive API answers only the person whose app made the files (the clerk who ran
 * Thiết lập): for anyone else the lists come back empty or 404, and the audit says it checked the office's
 * file only. What cannot be seen at all with these scopes: the office's own file's link sharing and
 * publishing (the app did not make it, so Drive answers 404), and whether a unit's file is published
 * (one revisions.list a file, 60 s a run for 200 units under the cost model: Thiết lập checks it instead;
 * with writersCanShare false only the owner can publish, Google's "About publishing permissions").
 */
import { services, type Spreadsheet } from '../contract/apps-script';
import { sharingFindings, type PermissionSeen, type SharingFinding } from '../core/sharing';
import type { Config } from './config-sheet';
import type { Sharing } from './protections';

const PERMISSION_FIELDS = 'permissions(id,type,role,emailAddress,domain)';
/** The units' files a page (the stricter reading of files.list's page size when permissions are asked). */
const PAGE = 100;

export interface SharingAudit {
  /** False: the runner is not the files' creator, and only the office's file was checked. */
  checked: boolean;
  findings: SharingFinding[];
}

const lower = (emails: readonly string[]) => emails.map((email) => email.toLowerCase());

/** Whether a Drive call failed as drive.file answers a file the runner's app did not make (404). */
function notFound(error: unknown): boolean {
  const e = error as { details?: { code?: unknown } } | null;
  return e?.details?.code === 404;
}

/** The audit (see the file's comment). `office`: the editors of Cấu hình's protection. */
export function auditSharing(
  ss: Spreadsheet,
  config: Config,
  office: readonly string[],
  sharing: Sharing
): SharingAudit {
  const { Drive } = services();
  const officeSet = new Set([...lower(office), sharing.owner]);
  const findings: SharingFinding[] = [];
  const { campaign } = config;
  const files = campaign.organisation === 'files';

  // The office's file: where each unit has a file, nobody but the office (units left from a shared book).
  if (files) {
    const people = new Set([...sharing.fileEditors, ...lower(ss.getViewers().map((u) => u.getEmail()))]);
    for (const email of people) {
      if (email !== '' && !officeSet.has(email))
        findings.push({ file: 'office', name: '', issue: 'stranger', who: email, role: 'reader' });
    }
  }

  let checked = true;
  if (files && campaign.unitFolder !== '') {
    try {
      const folder = Drive.Permissions.list(campaign.unitFolder, { fields: PERMISSION_FIELDS });
      findings.push(...sharingFindings({ file: 'folder', name: '' }, folder.permissions ?? [], officeSet));
    } catch (error) {
      if (!notFound(error)) throw error;
      checked = false;
    }
    if (checked) {
      const byId = new Map(config.units.filter((u) => u.fileId !== '').map((u) => [u.fileId, u]));
      let pageToken: string | undefined;
      do {
        const page = Drive.Files.list({
          q: `'${campaign.unitFolder}' in parents and trashed = false`,
          fields: `nextPageToken,files(id,name,writersCanShare,appProperties,${PERMISSION_FIELDS})`,
          pageSize: PAGE,
          ...(pageToken ? { pageToken } : {}),
        });
        for (const file of page.files ?? []) {
          const unit = byId.get(file.id ?? '');
          const isTemplate = file.appProperties?.tonghopRole === 'template';
          if (!unit && !isTemplate) continue; // a file of a unit no longer listed: Thiết lập names it
          const allowed = unit ? new Set([...officeSet, ...lower(unit.emails)]) : officeSet;
          const where = unit
            ? { file: 'unit' as const, unit: unit.code, name: unit.name }
            : { file: 'template' as const, name: '' };
          // The template is shared with nobody (the office reaches it through the folder): only who has it counts.
          findings.push(
            ...sharingFindings(where, (file.permissions ?? []) as PermissionSeen[], allowed, {
              writersCanShare: unit ? file.writersCanShare : false,
            })
          );
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
    }
  }

  if (campaign.leadersFile !== '' && checked) {
    try {
      const file = Drive.Files.get(campaign.leadersFile, {
        fields: `writersCanShare,trashed,${PERMISSION_FIELDS}`,
      });
      const revisions = Drive.Revisions.list(campaign.leadersFile, { fields: 'revisions(id,published)' });
      const published = (revisions.revisions ?? []).some((r) => r.published === true);
      const allowed = new Set([...officeSet, ...lower(campaign.leaders)]);
      if (!file.trashed) {
        findings.push(
          ...sharingFindings({ file: 'leaders', name: '' }, file.permissions ?? [], allowed, {
            writersCanShare: file.writersCanShare,
            published,
          })
        );
      }
    } catch (error) {
      if (!notFound(error)) throw error;
      checked = false;
    }
  }
  return { checked, findings };
}

/**
 * Thiết lập's repair of a file's own settings (issue 25), for its owner: editors may no longer share (and so
 * publish: "About publishing permissions"), and no revision stays published to the web (revisions.update
 * `published: false`). `writersCanShare` is what a files.get already read; the revisions are one list call.
 */
export function lockDownFile(
  fileId: string,
  writersCanShare: boolean | null | undefined
): { reshared: boolean; unpublished: boolean } {
  const { Drive } = services();
  let reshared = false;
  if (writersCanShare !== false) {
    Drive.Files.update({ writersCanShare: false }, fileId);
    reshared = writersCanShare === true;
  }
  let unpublished = false;
  const revisions = Drive.Revisions.list(fileId, { fields: 'revisions(id,published)' }).revisions ?? [];
  for (const revision of revisions) {
    if (revision.published !== true || !revision.id) continue;
    Drive.Revisions.update({ published: false, publishAuto: false }, fileId, revision.id);
    unpublished = true;
  }
  return { reshared, unpublished };
}
