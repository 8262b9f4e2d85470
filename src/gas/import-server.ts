/** Server side of "Nhập từ tệp" (stub while it is being written). */
export function previewImport(request: unknown): { ok: boolean; message: string } {
  void request;
  return { ok: false, message: 'Chưa sẵn sàng.' };
}

export function importRows(request: unknown): { ok: boolean; message: string } {
  void request;
  return { ok: false, message: 'Chưa sẵn sàng.' };
}

export function showImportSidebar(): void {}
