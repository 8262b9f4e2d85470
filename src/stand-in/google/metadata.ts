/** Developer metadata attached to sheets, and the spreadsheet-wide finder. */
import type {
  DeveloperMetadata,
  DeveloperMetadataFinder,
  DeveloperMetadataLocation,
  DeveloperMetadataVisibility,
  Sheet,
} from '../../contract/apps-script';
import type { StandInSheet } from './sheet';
import type { Workbook } from './workbook';

/** Sheets caps the metadata attached to one location (here: one sheet) at 30,000 characters. */
export const METADATA_CHARS_PER_LOCATION = 30_000;

let nextMetadataId = 1;

export class StandInDeveloperMetadata implements DeveloperMetadata {
  readonly id = nextMetadataId++;
  constructor(
    public sheet: StandInSheet,
    readonly key: string,
    public value: string | null,
    readonly visibility: DeveloperMetadataVisibility
  ) {}
  getKey(): string {
    return this.key;
  }
  getValue(): string | null {
    return this.value;
  }
  getLocation(): DeveloperMetadataLocation {
    const sheet: Sheet = this.sheet;
    return { getSheet: () => sheet };
  }
  setValue(value: string): DeveloperMetadata {
    this.sheet.workbook.count('writes');
    const next = String(value);
    this.sheet.checkMetadataRoom(next.length - (this.value?.length ?? 0));
    this.value = next;
    return this;
  }
  remove(): void {
    this.sheet.workbook.count('writes');
    this.sheet.metadata = this.sheet.metadata.filter((m) => m !== this);
  }
}

export class StandInMetadataFinder implements DeveloperMetadataFinder {
  private key: string | null = null;
  private value: string | null = null;
  constructor(private readonly workbook: Workbook) {}
  withKey(key: string): DeveloperMetadataFinder {
    this.key = String(key);
    return this;
  }
  withValue(value: string): DeveloperMetadataFinder {
    this.value = String(value);
    return this;
  }
  find(): DeveloperMetadata[] {
    this.workbook.count('other');
    return this.workbook
      .sheetObjects()
      .flatMap((s) => s.metadata)
      .filter(
        (m) => (this.key === null || m.key === this.key) && (this.value === null || m.value === this.value)
      );
  }
}
