/** Messages between the page and the decode worker (imageDecode.worker.ts). */

export interface DecodeItem {
  file: File;
  /**
   * '/'-separated path relative to what was loaded: "my-set/cat/1.jpg" from a dropped folder,
   * "photo.jpg" for a picked file, "set.zip" for a zip (read as a folder named "set")
   */
  path: string;
}

export interface DecodeRequest {
  items: DecodeItem[];
  /** the class of files in no folder (images picked one by one) */
  fallback: string;
  maxClasses: number;
  maxImages: number;
}

export interface DecodedClass {
  name: string;
  /** count × 3 072 bytes: 32×32 RGB, HWC */
  pixels: Uint8Array;
  count: number;
}

export interface DecodeResult {
  classes: DecodedClass[];
  /** "path: why" for each file skipped, the first 200 of them */
  skipped: string[];
  skippedTotal: number;
  /** images not read because the set would pass its limit */
  overLimit: number;
  /** files looked at (those inside a zip included) */
  files: number;
  ms: number;
}

export interface ImageDecodeApi {
  decode(req: DecodeRequest, onProgress: (done: number, total: number, stage: string) => void): Promise<DecodeResult>;
}
