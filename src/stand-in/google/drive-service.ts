/**
 * The advanced Drive service (Drive API v3, the bundle's global `Drive`) over the stand-in's Drive: files
 * (folders and spreadsheets) created, copied, read, listed, renamed, moved, tagged (appProperties), trashed
 * and deleted, and their permissions created, listed and removed, as the acting user, under drive.file's
 * per-user grants.
 *
 * Errors are Apps Script's GoogleJsonResponseException: "API call to drive.files.get failed with error:
 * File not found: <id>." (reported, GOOGLE-FACTS 19 §1), with `details` { code, message, errors }. The
 * scopes themselves are checked by the execution layer (./scopes.ts) before a call gets here.
 */
import type {
  DriveApi,
  DriveArgs,
  DriveFile as FileResource,
  DriveFileList,
  DrivePermission,
  DrivePermissionList,
  DriveRevision,
  DriveRevisionList,
} from '../../contract/apps-script';
import { GOOGLE_QUOTAS, type Quotas } from './cost-model';
import { Drive, DriveFile, driveError, FOLDER_MIME, normalEmail, SPREADSHEET_MIME } from './drive';
import { SCOPES } from './scopes';
import { Workbook } from './workbook';

/** Drive's answer for a file the user cannot reach (no access, no drive.file grant, no such id). */
const notFound = (call: string, id: string) => driveError(call, 404, 'notFound', `File not found: ${id}.`);
/** "The user does not have sufficient permissions for file {fileId}." (developers.google.com/drive/api/guides/handle-errors) */
const insufficient = (call: string, id: string) =>
  driveError(
    call,
    403,
    'insufficientFilePermissions',
    `The user does not have sufficient permissions for file ${id}.`
  );
/** Over the per-minute quota: "403: User rate limit exceeded" (developers.google.com/drive/api/guides/limits). */
const rateLimited = (call: string) =>
  driveError(call, 403, 'userRateLimitExceeded', 'User rate limit exceeded');
const invalid = (call: string, message: string) => driveError(call, 400, 'badRequest', message);
/** Drive's answer for a field a request may not set (developers.google.com/drive/api/guides/handle-errors). */
const notWritable = (call: string) =>
  driveError(
    call,
    403,
    'fieldNotWritable',
    'The resource body includes fields which are not directly writable.'
  );

/**
 * "Maximum of 30 private properties per app" and "124 bytes size limit on (key + value) string in UTF-8
 * encoding for a single property" (developers.google.com/drive/api/v2/reference/properties, the limits of
 * file properties; v3's appProperties are the private ones). Google's texts for going over are not
 * documented: these are ours.
 */
const APP_PROPERTIES_PER_APP = 30;
const PROPERTY_BYTES = 124;

/**
 * `current` with `patch` applied: "Entries with null values are cleared in update and copy requests"
 * (v3 File.appProperties); any other value is kept as text, as Drive answers it.
 */
function patchAppProperties(
  call: string,
  current: Record<string, string>,
  patch: unknown
): Record<string, string> {
  if (patch === undefined) return { ...current };
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw invalid(call, 'Invalid value for appProperties.');
  }
  // A Map, so that no key (`__proto__`) can reach an object's prototype.
  const out = new Map(Object.entries(current));
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) {
      out.delete(key);
      continue;
    }
    if (typeof value === 'object') throw invalid(call, `Invalid value for appProperties.${key}.`);
    const text = String(value);
    if (key === '' || Buffer.byteLength(key + text, 'utf8') > PROPERTY_BYTES) {
      throw invalid(call, `The property ${key} is longer than ${PROPERTY_BYTES} bytes (key and value).`);
    }
    out.set(key, text);
  }
  if (out.size > APP_PROPERTIES_PER_APP) {
    throw invalid(call, `A file can hold at most ${APP_PROPERTIES_PER_APP} properties of one app.`);
  }
  return Object.fromEntries(out);
}
/** A second parent (reported: "403 cannotAddParent: Increasing the number of parents is not allowed"). */
const oneParent = (call: string) =>
  driveError(call, 403, 'cannotAddParent', 'Increasing the number of parents is not allowed');

/** Drive's permission id of a user: one number per account, the same on every file. */
function permissionIdOf(email: string): string {
  let hash = 0n;
  for (const ch of normalEmail(email)) hash = (hash * 131n + BigInt(ch.charCodeAt(0))) % 10n ** 20n;
  return hash.toString().padStart(20, '0');
}
const ANYONE_ID = 'anyoneWithLink';
/** The one revision the stand-in keeps of a file: its head. */
const HEAD_REVISION = '1';

function revisionOf(file: DriveFile): Record<string, unknown> {
  return {
    kind: 'drive#revision',
    id: HEAD_REVISION,
    mimeType: file.mimeType,
    modifiedTime: file.modifiedTime.toISOString(),
    published: file.published,
    publishAuto: file.publishAuto,
  };
}

// ---- fields: v3 answers only what `fields` names ---------------------------------------------------

interface FieldTree {
  [name: string]: FieldTree | true;
}

/** "id,name,files(id,owners/emailAddress)" → a tree; '*' selects everything at its level. */
function parseFields(fields: string): FieldTree {
  const tree: FieldTree = {};
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= fields.length; i++) {
    const ch = fields[i];
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if ((ch === ',' && depth === 0) || i === fields.length) {
      parts.push(fields.slice(start, i).trim());
      start = i + 1;
    }
  }
  for (const part of parts) {
    if (part === '') continue;
    const open = part.indexOf('(');
    const slash = part.indexOf('/');
    if (open > 0 && (slash < 0 || open < slash)) {
      tree[part.slice(0, open).trim()] = parseFields(part.slice(open + 1, part.lastIndexOf(')')));
    } else if (slash > 0) {
      const head = part.slice(0, slash).trim();
      const rest = parseFields(part.slice(slash + 1));
      const prev = tree[head];
      tree[head] = prev === true ? true : { ...(prev ?? {}), ...rest };
    } else {
      tree[part] = true;
    }
  }
  return tree;
}

function select(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true || tree['*'] === true) return value;
  if (Array.isArray(value)) return value.map((v) => select(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(tree)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = select(v, sub);
  }
  return out;
}

function fieldsOf(args: DriveArgs | undefined, defaults: string): FieldTree {
  const fields = args?.fields;
  return parseFields(typeof fields === 'string' && fields.trim() !== '' ? fields : defaults);
}

// ---- the service -----------------------------------------------------------------------------------

export interface DriveServiceOptions {
  /** The manifest's oauthScopes: drive.file reaches granted files only; drive (and its read-only kin) all. */
  scopes: readonly string[];
  quotas?: Quotas;
}

const READ_SCOPES = [SCOPES.drive, SCOPES.driveReadonly, SCOPES.driveMetadata, SCOPES.driveMetadataReadonly];

export function createDriveService(drive: Drive, opts: DriveServiceOptions): DriveApi {
  const quotas = opts.quotas ?? GOOGLE_QUOTAS;
  const has = (scope: string) => opts.scopes.includes(scope);
  const user = () => drive.actingUser;

  /** Every request: counted (the execution layer prices it) and held to the per-minute quota. */
  const begin = (call: string): void => {
    drive.calls++;
    if (!drive.countDriveRequest(user(), quotas.driveRequestsPerMinute)) throw rateLimited(call);
  };

  /** The file as the acting user reaches it through the API, or Drive's 404. */
  const reach = (call: string, id: unknown, write = false): DriveFile => {
    const key = String(id);
    const file = drive.file(key);
    const me = user();
    if (!file || !file.canView(me)) throw notFound(call, key);
    const broad = write ? has(SCOPES.drive) : READ_SCOPES.some(has);
    if (!broad && !file.grants.has(normalEmail(me))) throw notFound(call, key);
    return file;
  };

  const permissionsOf = (file: DriveFile): Record<string, unknown>[] => {
    const person = (email: string, role: string) => ({
      kind: 'drive#permission',
      id: permissionIdOf(email),
      type: 'user',
      role,
      emailAddress: email,
      displayName: email,
    });
    const out: Record<string, unknown>[] = [
      person(file.owner, 'owner'),
      ...file.editors.map((e) => person(e, 'writer')),
      ...file.viewers.map((e) => person(e, 'reader')),
    ];
    if (file.linkAccess !== 'none') {
      out.push({ kind: 'drive#permission', id: ANYONE_ID, type: 'anyone', role: file.linkAccess });
    }
    return out;
  };

  const fileResource = (file: DriveFile): Record<string, unknown> => {
    const me = user();
    const owner = file.isOwner(me);
    const canEdit = file.canEdit(me);
    const resource: Record<string, unknown> = {
      kind: 'drive#file',
      id: file.id,
      name: file.name,
      mimeType: file.mimeType,
      trashed: file.trashed,
      parents: [...file.parents],
      writersCanShare: file.writersCanShare,
      owners: [{ kind: 'drive#user', displayName: file.owner, emailAddress: file.owner, me: owner }],
      ownedByMe: owner,
      createdTime: file.createdTime.toISOString(),
      modifiedTime: file.modifiedTime.toISOString(),
      webViewLink: file.url(),
      isAppAuthorized: file.grants.has(normalEmail(me)),
      capabilities: {
        canEdit,
        canRename: canEdit,
        canModifyContent: canEdit,
        canShare: file.canShare(me),
        canTrash: owner,
        canUntrash: owner,
        canDelete: owner,
        canAddChildren: file.isFolder && canEdit,
        canListChildren: file.isFolder,
      },
    };
    // v3 leaves out what a file does not have.
    if (Object.keys(file.appProperties).length > 0) resource.appProperties = { ...file.appProperties };
    // File.permissions: "The full list of permissions for the file. This is only available if the requesting
    // user can share the file" (v3 File; pub.dev googleapis drive_v3 File.permissions).
    if (file.canShare(me)) resource.permissions = permissionsOf(file);
    if (file.description !== '') resource.description = file.description;
    return resource;
  };

  const parentsOf = (value: unknown): string[] => {
    if (value === undefined || value === null || value === '') return [];
    const ids = Array.isArray(value) ? value.map(String) : String(value).split(',');
    return ids.map((id) => id.trim()).filter((id) => id !== '');
  };

  /** A folder the acting user may put files in: reached through the API (drive.file: granted), editable. */
  const folderFor = (call: string, id: string): DriveFile => {
    const folder = reach(call, id, true);
    if (!folder.isFolder) throw invalid(call, `The parent ${id} is not a folder.`);
    if (!folder.canEdit(user())) throw insufficient(call, id);
    return folder;
  };

  return {
    Files: {
      create(resource: FileResource): FileResource {
        const call = 'drive.files.create';
        begin(call);
        const r = (resource ?? {}) as FileResource;
        const mimeType = String(r.mimeType ?? '');
        if (mimeType !== FOLDER_MIME && mimeType !== SPREADSHEET_MIME) {
          // What tonghop creates; any other kind is beyond the stand-in.
          throw invalid(call, `The stand-in creates folders and spreadsheets only, not "${mimeType}".`);
        }
        const parents = parentsOf(r.parents);
        if (parents.length > 1) throw oneParent(call);
        for (const id of parents) folderFor(call, id);
        // Null entries of a new file's appProperties simply do not make one.
        const appProperties = patchAppProperties(call, {}, r.appProperties);
        const me = user();
        if (mimeType === SPREADSHEET_MIME) drive.countSpreadsheetCreation(me, quotas.spreadsheetsPerDay);
        const name = String(
          r.name ?? (mimeType === FOLDER_MIME ? 'Untitled folder' : 'Untitled spreadsheet')
        );
        let file: DriveFile;
        if (mimeType === SPREADSHEET_MIME) {
          // Google's defaults for a new spreadsheet are not documented (GOOGLE-FACTS 19 §9): the stricter
          // reading is that they are not the ward's, so Thiết lập must set both and read them back.
          const workbook = new Workbook({
            drive,
            owner: me,
            name,
            locale: 'en_US',
            timeZone: 'America/Los_Angeles',
          });
          file = workbook.file;
          file.parents = parents;
        } else {
          file = drive.addFile({ name, mimeType, owner: me, parents });
        }
        file.appProperties = appProperties;
        if (r.writersCanShare !== undefined) file.writersCanShare = r.writersCanShare === true;
        if (r.description !== undefined && r.description !== null) file.description = String(r.description);
        drive.noteCreated(file, me);
        return select(fileResource(file), parseFields('kind,id,name,mimeType')) as FileResource;
      },

      /**
       * files.copy (see the contract). The source is reached as for a change (drive.file: the caller's grant;
       * drive.readonly no longer lets a copy be made, reported: tanaikech.github.io 2020-07-09), and a viewer
       * may copy. "Folders cannot be copied" (the method's description in Google's discovery document, as
       * generated clients carry it). Parents: the resource's, else the source's that the caller may add
       * to through the app ("any discoverable parent", v3 File.parents; a parent the caller cannot add to is
       * dropped, the stricter reading: pass `parents`). Name: else "Copy of <name>". Sharing is not copied:
       * the copy's owner is the caller, nobody else has it directly, writersCanShare starts true. appProperties
       * and description come from the source, patched by the resource ("applies any requested updates with
       * patch semantics"). A spreadsheet is copied whole (Workbook.copyForDrive), but without its
       * protections: Google's behaviour is reported both ways (copied: burnash/gspread#1046; "editors have
       * been changed to just myself", then "the protected ranges are not copied over": gspread#1072; "the
       * Protection feature disappears when I make a copy": HandsOnDataViz/leaflet-maps-with-google-sheets#13),
       * and the stricter reading for the copier is that they are lost, so the script protects the copy itself.
       */
      copy(resource: FileResource, fileId: string, optionalArgs?: DriveArgs): FileResource {
        const call = 'drive.files.copy';
        begin(call);
        const source = reach(call, fileId, true);
        const r = (resource ?? {}) as Record<string, unknown>;
        const writable = new Set(['name', 'parents', 'writersCanShare', 'appProperties', 'description']);
        for (const key of Object.keys(r)) {
          if (key === 'mimeType' && r.mimeType === source.mimeType) continue;
          if (!writable.has(key)) throw notWritable(call);
        }
        if (source.isFolder || !source.workbook) throw invalid(call, 'Folders cannot be copied.');
        const me = user();
        let parents = parentsOf(r.parents);
        if (parents.length > 1) throw oneParent(call);
        if (r.parents !== undefined) {
          for (const id of parents) folderFor(call, id);
        } else {
          parents = source.parents.filter((id) => {
            const folder = drive.file(id);
            const reachable = folder && (has(SCOPES.drive) || folder.grants.has(normalEmail(me)));
            return folder !== undefined && reachable === true && folder.isFolder && folder.canEdit(me);
          });
        }
        const appProperties = patchAppProperties(call, source.appProperties, r.appProperties);
        drive.countSpreadsheetCreation(me, quotas.spreadsheetsPerDay);
        const name = r.name !== undefined && r.name !== null ? String(r.name) : `Copy of ${source.name}`;
        const file = source.workbook.copyForDrive(me, name).file;
        file.parents = parents;
        file.appProperties = appProperties;
        file.description =
          r.description === undefined
            ? source.description
            : r.description === null
              ? ''
              : String(r.description);
        if (r.writersCanShare !== undefined) file.writersCanShare = r.writersCanShare === true;
        drive.noteCreated(file, me);
        return select(fileResource(file), fieldsOf(optionalArgs, 'kind,id,name,mimeType')) as FileResource;
      },

      get(fileId: string, optionalArgs?: DriveArgs): FileResource {
        const call = 'drive.files.get';
        begin(call);
        const file = reach(call, fileId);
        return select(fileResource(file), fieldsOf(optionalArgs, 'kind,id,name,mimeType')) as FileResource;
      },

      list(optionalArgs: DriveArgs): DriveFileList {
        const call = 'drive.files.list';
        begin(call);
        const args = optionalArgs ?? {};
        const match = parseQuery(call, typeof args.q === 'string' ? args.q : '');
        const me = user();
        const broad = READ_SCOPES.some(has);
        const visible = drive
          .files()
          .filter((f) => f.canView(me) && (broad || f.grants.has(normalEmail(me))) && match(f));
        const pageSize = Math.min(Math.max(Number(args.pageSize ?? 100) || 100, 1), 1000);
        const start =
          typeof args.pageToken === 'string' && args.pageToken !== '' ? Number(args.pageToken) : 0;
        if (!Number.isInteger(start) || start < 0) throw invalid(call, 'Invalid Value');
        const page = visible.slice(start, start + pageSize);
        const result: Record<string, unknown> = {
          kind: 'drive#fileList',
          incompleteSearch: false,
          files: page.map(fileResource),
        };
        if (start + pageSize < visible.length) result.nextPageToken = String(start + pageSize);
        return select(
          result,
          fieldsOf(args, 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)')
        ) as DriveFileList;
      },

      update(
        resource: FileResource,
        fileId: string,
        _mediaData?: GoogleAppsScript.Base.Blob | null,
        optionalArgs?: DriveArgs
      ): FileResource {
        const call = 'drive.files.update';
        begin(call);
        const file = reach(call, fileId, true);
        const me = user();
        const r = (resource ?? {}) as Record<string, unknown>;
        const writable = new Set(['name', 'trashed', 'writersCanShare', 'description', 'appProperties']);
        // Drive's answer for a field it does not take in an update (handle-errors: fieldNotWritable).
        for (const key of Object.keys(r)) if (!writable.has(key)) throw notWritable(call);
        if (!file.canEdit(me)) throw insufficient(call, file.id);
        // Trash: "Only the file owner can trash a file" (developers.google.com/drive/api/guides/delete).
        // writersCanShare: the owner's too, the stricter reading (GOOGLE-FACTS 19 §3).
        if ((r.trashed !== undefined || r.writersCanShare !== undefined) && !file.isOwner(me)) {
          throw insufficient(call, file.id);
        }
        const add = parentsOf(optionalArgs?.addParents);
        const remove = parentsOf(optionalArgs?.removeParents);
        for (const id of add) folderFor(call, id);
        if (file.parents.filter((p) => !remove.includes(p)).length + add.length > 1) {
          throw oneParent(call);
        }
        const appProperties = patchAppProperties(call, file.appProperties, r.appProperties);
        if (r.name !== undefined) file.name = String(r.name);
        file.appProperties = appProperties;
        if (r.description !== undefined)
          file.description = r.description === null ? '' : String(r.description);
        if (r.trashed !== undefined) file.trashed = r.trashed === true;
        if (r.writersCanShare !== undefined) file.writersCanShare = r.writersCanShare === true;
        file.parents = [...file.parents.filter((p) => !remove.includes(p)), ...add];
        return select(fileResource(file), fieldsOf(optionalArgs, 'kind,id,name,mimeType')) as FileResource;
      },

      remove(fileId: string): void {
        const call = 'drive.files.delete';
        begin(call);
        const file = reach(call, fileId, true);
        // "Permanently deletes a file owned by the user" (files.delete).
        if (!file.isOwner(user())) throw insufficient(call, file.id);
        drive.deleteForever(file);
      },
    },

    About: {
      /** The acting user; Google requires `fields` (about.get reference). */
      get(args: Record<string, unknown>): Record<string, unknown> {
        const call = 'drive.about.get';
        begin(call);
        if (typeof args?.fields !== 'string' || args.fields === '')
          throw invalid(call, "The 'fields' parameter is required for this method.");
        const me = user();
        return {
          kind: 'drive#about',
          user: { kind: 'drive#user', displayName: me, emailAddress: me, me: true },
        };
      },
    },
    /**
     * revisions.list and revisions.update, for a file's published state: "To access the revision history, a
     * user must have the role of owner, organizer, fileOrganizer, or writer" (developers.google.com/drive/api/
     * guides/manage-revisions); publishing is a sharing change (canShare, the stricter reading). The stand-in
     * has one revision per file, id '1', the head.
     */
    Revisions: {
      list(fileId: string, optionalArgs?: DriveArgs): DriveRevisionList {
        const call = 'drive.revisions.list';
        begin(call);
        const file = reach(call, fileId);
        if (!file.canEdit(user())) throw insufficient(call, file.id);
        return select(
          { kind: 'drive#revisionList', revisions: [revisionOf(file)] },
          fieldsOf(optionalArgs, 'kind,nextPageToken,revisions(id,mimeType,kind,modifiedTime)')
        ) as DriveRevisionList;
      },
      update(resource: DriveRevision, fileId: string, revisionId: string): DriveRevision {
        const call = 'drive.revisions.update';
        begin(call);
        const file = reach(call, fileId, true);
        if (String(revisionId) !== HEAD_REVISION)
          throw driveError(call, 404, 'revisionNotFound', `Revision not found: ${revisionId}.`);
        const r = (resource ?? {}) as Record<string, unknown>;
        const writable = new Set(['published', 'publishAuto', 'publishedOutsideDomain', 'keepForever']);
        for (const key of Object.keys(r)) if (!writable.has(key)) throw notWritable(call);
        if (!file.canShare(user())) throw insufficient(call, file.id);
        if (r.published !== undefined) file.published = r.published === true;
        if (r.publishAuto !== undefined) file.publishAuto = r.publishAuto === true;
        return select(revisionOf(file), parseFields('kind,id,mimeType,modifiedTime')) as DriveRevision;
      },
    },
    Permissions: {
      create(resource: DrivePermission, fileId: string, optionalArgs?: DriveArgs): DrivePermission {
        const call = 'drive.permissions.create';
        begin(call);
        const file = reach(call, fileId, true);
        const me = user();
        if (!file.canShare(me)) throw insufficient(call, file.id);
        const r = (resource ?? {}) as DrivePermission;
        const role = String(r.role ?? '');
        const type = String(r.type ?? '');
        const notify = optionalArgs?.sendNotificationEmail !== false;
        const message = typeof optionalArgs?.emailMessage === 'string' ? optionalArgs.emailMessage : null;
        if (role === 'owner') throw invalid(call, 'The stand-in does not transfer ownership.');
        const granted: 'writer' | 'reader' | null =
          role === 'writer' ? 'writer' : role === 'reader' || role === 'commenter' ? 'reader' : null;
        if (!granted) throw invalid(call, `Invalid role: ${role}`);
        if (type === 'anyone') {
          file.linkAccess = granted;
          return select(
            { kind: 'drive#permission', id: ANYONE_ID, type: 'anyone', role: granted },
            fieldsOf(optionalArgs, 'kind,id,type,role')
          ) as DrivePermission;
        }
        if (type !== 'user')
          throw invalid(call, `The stand-in shares with users and links only, not "${type}".`);
        const email = String(r.emailAddress ?? '').trim();
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid(call, `Invalid email: ${email}`);
        if (!notify && !drive.hasGoogleAccount(email)) {
          // Reported (GAM wiki, GOOGLE-FACTS 19 §4): an address with no Google account needs the email.
          throw driveError(
            call,
            400,
            'invalidSharingRequest',
            `You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient.`
          );
        }
        const before = file.directRole(email);
        file.grantRole(email, granted);
        if (notify && file.directRole(email) !== before) {
          drive.notifications.push({ fileId: file.id, to: email, from: me, role: granted, message });
        }
        const role2 = file.directRole(email) ?? granted;
        return select(
          {
            kind: 'drive#permission',
            id: permissionIdOf(email),
            type: 'user',
            role: role2,
            emailAddress: email,
          },
          fieldsOf(optionalArgs, 'kind,id,type,role')
        ) as DrivePermission;
      },

      list(fileId: string, optionalArgs?: DriveArgs): DrivePermissionList {
        const call = 'drive.permissions.list';
        begin(call);
        const file = reach(call, fileId);
        return select(
          { kind: 'drive#permissionList', permissions: permissionsOf(file) },
          fieldsOf(optionalArgs, 'kind,nextPageToken,permissions(kind,id,type,role)')
        ) as DrivePermissionList;
      },

      remove(fileId: string, permissionId: string): void {
        const call = 'drive.permissions.delete';
        begin(call);
        const file = reach(call, fileId, true);
        if (!file.canShare(user())) throw insufficient(call, file.id);
        const id = String(permissionId);
        if (id === ANYONE_ID) {
          file.linkAccess = 'none';
          return;
        }
        // Google's texts for these two were not found: ours, refusing (the stricter reading).
        if (id === permissionIdOf(file.owner)) {
          throw driveError(call, 403, 'cannotRemoveOwner', 'The owner of a file cannot be removed.');
        }
        const email = [...file.editors, ...file.viewers].find((e) => permissionIdOf(e) === id);
        if (!email) throw driveError(call, 404, 'notFound', `Permission not found: ${id}.`);
        file.revoke(email);
      },
    },
  };
}

/** The terms of a query joined by `and`, leaving alone an `and` inside quotes or braces (`has { … and … }`). */
function splitTerms(q: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < q.length; i++) {
    const ch = q[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
      continue;
    }
    if (ch === "'") quoted = true;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && /\s/.test(ch)) {
      const m = /^\s+and\s+/i.exec(q.slice(i));
      if (m) {
        terms.push(q.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  terms.push(q.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

const QUOTED = "'((?:[^'\\\\]|\\\\.)*)'";
const APP_PROPERTY_TERM = new RegExp(
  `^appProperties\\s+has\\s*\\{\\s*key\\s*=\\s*${QUOTED}\\s+and\\s+value\\s*=\\s*${QUOTED}\\s*\\}$`,
  'i'
);

/**
 * The part of Drive's query language tonghop uses: terms joined by `and`: `'<id>' in parents`,
 * `trashed = true|false`, `mimeType = '…'`, `name = '…'`, `appProperties has { key='…' and value='…' }`
 * (developers.google.com/drive/api/guides/ref-search-terms). Anything else is refused rather than guessed.
 */
function parseQuery(call: string, q: string): (file: DriveFile) => boolean {
  const tests = splitTerms(q).map((t): ((file: DriveFile) => boolean) => {
    let m = APP_PROPERTY_TERM.exec(t);
    if (m) {
      const [key, value] = [unquote(m[1]), unquote(m[2])];
      return (f) =>
        Object.prototype.hasOwnProperty.call(f.appProperties, key) && f.appProperties[key] === value;
    }
    m = /^'((?:[^'\\]|\\.)*)'\s+in\s+parents$/i.exec(t);
    if (m) {
      const id = unquote(m[1]);
      return (f) => f.parents.includes(id);
    }
    m = /^trashed\s*=\s*(true|false)$/i.exec(t);
    if (m) {
      const want = m[1].toLowerCase() === 'true';
      return (f) => f.trashed === want;
    }
    m = /^(mimeType|name)\s*(=|!=)\s*'((?:[^'\\]|\\.)*)'$/i.exec(t);
    if (m) {
      const [, field, op, raw] = m;
      const value = unquote(raw);
      const read = (f: DriveFile) => (field.toLowerCase() === 'name' ? f.name : f.mimeType);
      return op === '=' ? (f) => read(f) === value : (f) => read(f) !== value;
    }
    throw invalid(call, 'Invalid Value');
  });
  return (file) => tests.every((test) => test(file));
}

const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
