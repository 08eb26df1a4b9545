import { DOCUMENT, Injectable, inject } from '@angular/core';

/** Saves a file made in the browser (the PKCS#12) through the browser's download. */
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
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }
}
