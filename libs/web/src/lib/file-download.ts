import { DOCUMENT, Injectable, inject } from '@angular/core';

/** Saves a file through the browser's download (the console's CSV exports, the portal's PKCS#12). */
@Injectable({ providedIn: 'root' })
export class FileDownload {
  private readonly document = inject(DOCUMENT);

  /** An object URL clicked through a hidden `<a download>`; the URL is released right after. */
  save(file: Blob, filename: string): void {
    const url = URL.createObjectURL(file);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.document.body.append(link);
    try {
      link.click();
    } finally {
      link.remove();
      // The click has started the download; a later tick frees the memory without racing it.
      setTimeout(() => URL.revokeObjectURL(url));
    }
  }
}
