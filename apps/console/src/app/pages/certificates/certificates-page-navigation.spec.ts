import { TestKey } from '@angular/cdk/testing';
import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { searchItem } from '../../../testing/certificates.fixture';
import { eachTest, params, settle } from '../../../testing/http';
import { CertificatesPageTest } from './certificates-page.testing';

describe('CertificatesPage / 証明書検索: paging, keyboard, opening a customer', () => {
  const t = eachTest(() => new CertificatesPageTest());

  describe('paging with the API cursor', () => {
    it('goes forward with nextCursor and back through the cursors before', async () => {
      await t.open('/certificates?status=expired');
      await t.answer([searchItem(1)], 'c2');
      expect(await (await t.button('前へ')).isDisabled()).toBe(true);

      await (await t.button('次へ')).click();
      await settle();
      expect(t.url).toBe('/certificates?status=expired&cursor=c2');
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        status: 'expired',
        cursor: 'c2',
      });
      await t.answer([searchItem(2)], 'c3');

      await (await t.button('次へ')).click();
      await settle();
      expect(params(t.searchRequest())['cursor']).toBe('c3');
      await t.answer([searchItem(3)], null);
      expect(await (await t.button('次へ')).isDisabled()).toBe(true);

      await (await t.button('前へ')).click();
      await settle();
      expect(t.url).toBe('/certificates?status=expired&cursor=c2');
      expect(params(t.searchRequest())['cursor']).toBe('c2');
      await t.answer([searchItem(2)], 'c3');

      await (await t.button('前へ')).click();
      await settle();
      expect(t.url).toBe('/certificates?status=expired');
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        status: 'expired',
      });
      await t.answer([searchItem(1)], 'c2');
    });

    it('goes back to the first page from a shared link to a later page', async () => {
      await t.open('/certificates?cursor=c5');
      await t.answer([searchItem(5)], null);
      await (await t.button('前へ')).click();
      await settle();
      expect(t.url).toBe('/certificates');
      await t.answer([searchItem(1)], 'c2');
    });

    it('starts from the first page when a filter changes', async () => {
      await t.open('/certificates?cursor=c2');
      await t.answer([searchItem(2)], 'c3');
      await (await t.statusChips()).selectChips({ text: '有効' });
      await settle();
      expect(t.url).toBe('/certificates?status=valid');
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        status: 'valid',
      });
      await t.answer([]);
    });
  });

  describe('keyboard', () => {
    it('opens the first row’s customer on Enter in the search box', async () => {
      await t.open('/certificates?q=ヤマダ');
      await t.answer([searchItem(1), searchItem(2)]);
      await (await (await t.box()).host()).sendKeys(TestKey.ENTER);
      await settle();
      expect(t.url).toBe('/customers/cust-1');
      expect(TestBed.inject(Location).getState()).toMatchObject({
        returnUrl: `/certificates?q=${encodeURIComponent('ヤマダ')}`,
      });
    });

    it('on Enter right after typing, searches at once and opens the first result', async () => {
      await t.open('/certificates');
      await t.answer([searchItem(1)]);
      const input = await t.box();
      await input.setValue('ﾔﾏﾀﾞ');
      await (await input.host()).sendKeys(TestKey.ENTER);
      await settle();
      expect(params(t.searchRequest())).toEqual({ limit: '50', q: 'ﾔﾏﾀﾞ' });
      await t.answer([searchItem(7)]);
      expect(t.url).toBe('/customers/cust-7');
    });

    it('ignores the Enter that confirms an IME conversion', async () => {
      await t.open('/certificates?q=山田');
      await t.answer([searchItem(1)]);
      const input = t.element.querySelector<HTMLInputElement>(
        'input[type="search"]',
      );
      input?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', isComposing: true }),
      );
      await settle();
      expect(t.url).toBe(`/certificates?q=${encodeURIComponent('山田')}`);
    });

    it('focuses the search box when / is pressed outside a field', async () => {
      await t.open('/certificates');
      await t.answer([]);
      const slash = () =>
        new KeyboardEvent('keydown', {
          key: '/',
          bubbles: true,
          cancelable: true,
        });
      const event = slash();
      document.body.dispatchEvent(event);
      const input = t.element.querySelector('input[type="search"]');
      expect(document.activeElement).toBe(input);
      expect(event.defaultPrevented).toBe(true);

      const branch = t.element.querySelector<HTMLInputElement>(
        'input[maxlength="3"]',
      );
      branch?.focus();
      const typed = slash();
      branch?.dispatchEvent(typed);
      expect(document.activeElement).toBe(branch);
      expect(typed.defaultPrevented).toBe(false);
    });
  });

  it('opens the customer when a row is clicked', async () => {
    await t.open('/certificates?status=expired');
    await t.answer([searchItem(1), searchItem(2)]);
    const rows = t.element.querySelectorAll<HTMLElement>('tr.cd-row');
    rows[1].querySelector<HTMLElement>('.cd-sub')?.click();
    await settle();
    expect(t.url).toBe('/customers/cust-2');
  });
});
