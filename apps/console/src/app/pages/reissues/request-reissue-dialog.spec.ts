import type { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { LifecycleStatusName, ReissueView } from '@certdesk/contracts';
import { TODAY } from '../../../testing/certificates.fixture';
import { fakeApi, flushApiError, settle } from '../../../testing/http';
import { reissueView } from '../../../testing/reissues.fixture';
import {
  IDENTITY_CHECK_SUGGESTIONS,
  RequestReissueDialog,
} from './request-reissue-dialog';

@Component({ selector: 'cd-host', template: '' })
class Host {}

describe('RequestReissueDialog / 再発行を依頼', () => {
  let http: HttpTestingController;
  let root: HarnessLoader;
  let dialog: MatDialogHarness;
  let closedWith: ReissueView | undefined | 'open';

  async function open(status: LifecycleStatusName): Promise<void> {
    http = fakeApi([
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ]);
    const fixture = TestBed.createComponent(Host);
    root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open(RequestReissueDialog, {
        data: {
          customer: {
            companyName: '株式会社山田商事',
            contractNumber: '0000000001',
          },
          user: {
            id: 'user-1',
            loginId: '0000000001A0',
            name: '山田 太郎',
            ibRole: 'administrator',
            status,
          },
          today: TODAY,
        },
      })
      .afterClosed()
      .subscribe((r: ReissueView | undefined) => (closedWith = r));
    dialog = await root.getHarness(MatDialogHarness);
  }

  afterEach(() => http.verify());

  const field = (label: string) =>
    dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const reason = () => dialog.getHarness(MatSelectHarness);
  const input = (name: string) =>
    dialog.getHarness(
      MatInputHarness.with({ selector: `[formControlName=${name}]` }),
    );
  const submit = async () => {
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: '依頼する' }))
    ).click();
    await settle();
  };
  const errors = async (label: string) => (await field(label)).getTextErrors();

  it('says whose certificate, and sends a past-limit request with the seal check, received today', async () => {
    await open('reissue_required');
    expect(await dialog.getTitleText()).toBe('再発行を依頼');
    const target = await dialog.getText();
    expect(target).toContain('株式会社山田商事');
    expect(target).toContain('0000000001A0');
    expect(await (await reason()).getValueText()).toBe('有効期限から90日超過');
    const date = await dialog.getHarness(MatDatepickerInputHarness);
    expect(await date.getValue()).toBe('2026/12/01');
    expect(await date.getMax()).toBe('2026-12-01');

    const identity = await dialog.getHarness(MatAutocompleteHarness);
    await identity.focus();
    const suggestions = await identity.getOptions();
    expect(await Promise.all(suggestions.map((o) => o.getText()))).toEqual(
      IDENTITY_CHECK_SUGGESTIONS,
    );
    await identity.selectOption({
      text: '届出印の照合（電子証明書再発行依頼書）',
    });
    await submit();

    const req = http.expectOne({ method: 'POST', url: '/api/reissues' });
    expect(req.request.body).toEqual({
      ibUserId: 'user-1',
      reason: 'past_limit',
      identityCheck: '届出印の照合（電子証明書再発行依頼書）',
      formReceivedOn: '2026-12-01',
    });
    const created = reissueView();
    req.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    expect(closedWith).toEqual(created);
  });

  it('offers 90日超過 only past the limit, and needs the words for その他', async () => {
    await open('valid');
    const select = await reason();
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'パソコンの紛失・故障',
      '秘密鍵の漏えいの疑い',
      '担当者の変更',
      'その他',
    ]);
    await select.clickOptions({ text: 'その他' });
    await (await input('identityCheck')).setValue('運転免許証');
    await submit();
    http.expectNone('/api/reissues');
    expect(await errors('具体的な理由')).toEqual([
      '理由が「その他」のときは、具体的な理由を入力してください',
    ]);

    await (await input('reasonText')).setValue('代表者の交代');
    await submit();
    const req = http.expectOne('/api/reissues');
    expect(req.request.body).toMatchObject({
      reason: 'other',
      reasonText: '代表者の交代',
      identityCheck: '運転免許証',
    });
    req.flush(reissueView({ reason: 'other', reasonText: '代表者の交代' }));
    await settle();
    expect(closedWith).toMatchObject({ reasonText: '代表者の交代' });
  });

  it('requires a reason, the identity check and a received date that is not in the future', async () => {
    await open('expired');
    const date = await dialog.getHarness(MatDatepickerInputHarness);
    await date.setValue('2026/12/02');
    await submit();
    http.expectNone('/api/reissues');
    expect(await errors('理由')).toEqual(['理由を選んでください']);
    expect(await errors('本人確認の方法')).toEqual([
      '本人確認の方法を入力してください',
    ]);
    expect(await errors('依頼書受付日')).toEqual([
      '依頼書の受付日に未来の日付は指定できません',
    ]);
    await date.setValue('');
    expect(await errors('依頼書受付日')).toEqual([
      '依頼書の受付日を入力してください',
    ]);
    expect(closedWith).toBe('open');
  });

  it("shows the server's reasons under their fields, and a refusal at the top", async () => {
    await open('renewal_due');
    const select = await reason();
    await select.open();
    await select.clickOptions({ text: 'パソコンの紛失・故障' });
    await (await input('identityCheck')).setValue('運転免許証');
    await submit();
    flushApiError(
      http.expectOne('/api/reissues'),
      400,
      '入力内容に誤りがあります（formReceivedOn）',
      [
        {
          field: 'formReceivedOn',
          reason: '依頼書の受付日に未来の日付は指定できません',
        },
      ],
    );
    await settle();
    expect(await errors('依頼書受付日')).toEqual([
      '依頼書の受付日に未来の日付は指定できません',
    ]);
    expect(await dialog.getText()).not.toContain('入力内容に誤りがあります');

    await (
      await dialog.getHarness(MatDatepickerInputHarness)
    ).setValue('2026/11/30');
    await submit();
    flushApiError(
      http.expectOne('/api/reissues'),
      409,
      'この利用者には処理中の再発行依頼があります。先にその依頼を処理してください',
    );
    await settle();
    const alert = await dialog.getText();
    expect(alert).toContain('この利用者には処理中の再発行依頼があります');
    expect(closedWith).toBe('open');
  });
});
