/**
 * What scripts/build.ts injects into the bundle: package.json's version, the date of the commit built
 * (yyyy-mm-dd), package.json's homepage (the guide's address; '' when none is set) and the manifest's
 * scopes.
 */
declare const TONGHOP_VERSION: string;
declare const TONGHOP_VERSION_DATE: string;
declare const TONGHOP_HOMEPAGE: string;
declare const TONGHOP_SCOPES: string[];

export interface BuildInfo {
  version: string;
  /** yyyy-mm-dd. */
  date: string;
  homepage: string;
  /** appsscript.json's oauthScopes. */
  scopes: string[];
}

export function buildInfo(): BuildInfo {
  return {
    version: TONGHOP_VERSION,
    date: TONGHOP_VERSION_DATE,
    homepage: TONGHOP_HOMEPAGE,
    scopes: TONGHOP_SCOPES,
  };
}
