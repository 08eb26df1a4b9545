import { TestBed } from '@angular/core/testing';
import { settle } from '../../testing/http';
import { FileDownload } from '@certdesk/web';

describe('FileDownload', () => {
  const created = 'blob:http://localhost/1234';
  let createObjectURL: jest.Mock;
  let revokeObjectURL: jest.Mock;

  beforeEach(() => {
    // jsdom has no object URLs.
    createObjectURL = jest.fn(() => created);
    revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('clicks a hidden <a download> with an object URL, removes it and frees the URL', async () => {
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push({
          href: this.href,
          download: this.download,
          attached: this.isConnected,
        });
      });
    const file = new Blob(['a,b\r\n'], { type: 'text/csv' });

    TestBed.inject(FileDownload).save(file, 'locked-out-20261201.csv');

    expect(createObjectURL).toHaveBeenCalledWith(file);
    expect(clicked).toEqual([
      { href: created, download: 'locked-out-20261201.csv', attached: true },
    ]);
    expect(document.querySelector('a[download]')).toBeNull();
    await settle();
    expect(revokeObjectURL).toHaveBeenCalledWith(created);
    click.mockRestore();
  });
});
