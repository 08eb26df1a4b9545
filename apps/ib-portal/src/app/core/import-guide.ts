import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  inject,
  input,
} from '@angular/core';

/** The browsers and systems the guide covers (the seed's customers: Windows and macOS PCs). */
export type ImportPlatform = 'windows' | 'mac' | 'firefox';

/** Which guide to open first, from the browser's user agent (Firefox keeps its own certificate store). */
export function importPlatformOf(userAgent: string): ImportPlatform {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'mac';
  return 'windows';
}

interface Guide {
  id: ImportPlatform;
  title: string;
  steps: readonly string[];
}

export const IMPORT_GUIDES: readonly Guide[] = [
  {
    id: 'windows',
    title: 'Windows の Google Chrome・Microsoft Edge',
    steps: [
      '保存した電子証明書ファイル（.p12）をダブルクリックします。',
      '「証明書のインポート ウィザード」で保存場所に「現在のユーザー」を選び、「次へ」をクリックします。',
      'ファイル名を確認して「次へ」をクリックし、設定した電子証明書ファイルのパスワードを入力して「次へ」をクリックします。',
      '「証明書の種類に基づいて、自動的に証明書ストアを選択する」を選び、「次へ」、「完了」の順にクリックします。',
    ],
  },
  {
    id: 'mac',
    title: 'macOS の Google Chrome・Microsoft Edge',
    steps: [
      '保存した電子証明書ファイル（.p12）をダブルクリックします。「キーチェーンアクセス」が開きます。',
      '追加先のキーチェーンに「ログイン」を選び、「追加」をクリックします。',
      '設定した電子証明書ファイルのパスワードを入力して「OK」をクリックします。',
    ],
  },
  {
    id: 'firefox',
    title: 'Firefox（Windows・macOS）',
    steps: [
      'メニューの「設定」を開き、「プライバシーとセキュリティ」の「証明書」にある「証明書を表示...」をクリックします。',
      '「あなたの証明書」タブの「インポート...」をクリックし、保存した電子証明書ファイル（.p12）を選びます。',
      '設定した電子証明書ファイルのパスワードを入力して「OK」をクリックします。',
    ],
  },
];

/**
 * After the download (seed ⑦–⑩): how to import the PKCS#12 file into this browser (the guide for
 * the customer's browser and OS is open, the others a click away), then the seed's check — close
 * the browser and log on again choosing the new certificate.
 */
@Component({
  selector: 'ib-import-guide',
  template: `
    <section class="ib-import-guide" aria-labelledby="ib-import-guide-title">
      <h3 id="ib-import-guide-title" class="ib-guide-title">
        電子証明書ファイルをブラウザに取り込む
      </h3>
      @for (guide of guides; track guide.id) {
        <details
          [open]="guide.id === platform"
          [attr.data-testid]="'import-guide-' + guide.id"
        >
          <summary>{{ guide.title }}</summary>
          <ol>
            @for (step of guide.steps; track $index) {
              <li>{{ step }}</li>
            }
          </ol>
        </details>
      }
      <h3 class="ib-guide-title">
        新しい電子証明書でログオンできることを確認する
      </h3>
      <p data-testid="logon-check">
        取り込みが終わったら、ブラウザをすべて閉じてから法人インターネットバンキングのログオン画面をもう一度開き、電子証明書の選択画面で新しい電子証明書{{
          expiryNote()
        }}を選んでログオンしてください。
      </p>
    </section>
  `,
  styles: `
    .ib-guide-title {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    details {
      margin: 4px 0;
    }
    summary {
      cursor: pointer;
      padding: 4px 0;
    }
    ol {
      margin: 4px 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportGuide {
  /** 「2028年11月21日(火)」: named in the check so the customer picks the right certificate. */
  readonly expiry = input<string>('');

  protected readonly guides = IMPORT_GUIDES;
  protected readonly platform = importPlatformOf(
    inject(DOCUMENT).defaultView?.navigator.userAgent ?? '',
  );

  protected expiryNote(): string {
    return this.expiry() ? `（有効期限日 ${this.expiry()}）` : '';
  }
}
