import { TestBed } from '@angular/core/testing';
import { ComingSoonPage } from './coming-soon-page';

describe('ComingSoonPage', () => {
  it('shows its heading and that the screen comes later', async () => {
    const fixture = TestBed.createComponent(ComingSoonPage);
    fixture.componentRef.setInput('heading', '監査ログ');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('監査ログ');
    expect(el.textContent).toContain('今後のリリースで提供予定です');
  });
});
