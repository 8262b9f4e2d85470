/**
 * The one typed wrapper around `google.script.run`: every server call of the pages (the sidebar and the
 * progress dialog) goes through `call`, so the names, arguments and replies are checked at compile time
 * against the functions src/gas/main.ts exports, the very ones Apps Script runs (a type-only import:
 * nothing of the server enters a page's bundle). Renaming an entry point there is a type error here. No
 * other file of src/ui may touch `google` (eslint.config.mjs says so); the dialog closes through
 * `closeDialog`.
 *
 * The client type is declared here rather than taken from @types/google-apps-script, which describes
 * the server services only; nothing here is a global declaration, so it cannot clash with them.
 */
import type * as Main from '../gas/main';

/** The server functions the sidebar's screens call: "Kiểm tra dữ liệu", "Nhập từ tệp", "Theo dõi đơn vị". */
type SidebarServer = Pick<
  typeof Main,
  | 'checkData'
  | 'selectProblemCell'
  | 'previewFixes'
  | 'applyFixes'
  | 'previewImport'
  | 'importRows'
  | 'followUp'
  | 'reviewUnit'
  | 'acceptNamesake'
>;

/** The steps the progress dialog calls, one per long menu action. */
type StepServer = Pick<typeof Main, 'consolidateStep' | 'setupStep' | 'splitStep' | 'closeCampaignStep'>;

type Server = SidebarServer & StepServer;

type ServerName = keyof Server;
export type SidebarName = keyof SidebarServer;
export type StepName = keyof StepServer;
export type ServerArg<K extends ServerName> = Parameters<Server[K]>[0];
export type ServerResult<K extends ServerName> = ReturnType<Server[K]>;

type ServerCalls = { [K in ServerName]: (arg: ServerArg<K>) => void };

/** The part of the client-side `google.script.run` the pages use. */
interface ScriptRun extends ServerCalls {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}

interface ClientGlobals {
  google?: { script?: { run?: ScriptRun; host?: { close(): void } } };
}

/** What a failed call rejects with: the server's message (often English), kept for the details line. */
class ServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerError';
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

function scriptRun(): ScriptRun {
  const run = (globalThis as ClientGlobals).google?.script?.run;
  // Outside Google Sheets (a page opened by hand) there is no server to call.
  if (!run) throw new ServerError('google.script.run is not available');
  return run;
}

export function call<K extends ServerName>(name: K, arg: ServerArg<K>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const runner = scriptRun()
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler((error) => reject(new ServerError(errorText(error))));
    // TypeScript cannot correlate runner[name] with arg's type through the union of names.
    (runner[name] as (a: ServerArg<K>) => void)(arg);
  });
}

/** Closes the dialog the page is shown in (google.script.host); outside Google Sheets, nothing to close. */
export function closeDialog(): void {
  (globalThis as ClientGlobals).google?.script?.host?.close();
}
