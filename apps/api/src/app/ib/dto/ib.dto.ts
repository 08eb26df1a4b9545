import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { IbAcquisitionRequest, IbCsrRequest } from '@certdesk/contracts';
import { IB_LOGIN_ID_FORMAT } from '@certdesk/domain';

const PIN = /^[0-9A-Za-z]{4,16}$/;
const CSR =
  /^-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+-----END (NEW )?CERTIFICATE REQUEST-----\s*$/;
const CSR_MESSAGE = '証明書発行要求（PKCS#10、PEM形式）を指定してください。';

export class IbCsrDto implements IbCsrRequest {
  @IsString({ message: CSR_MESSAGE })
  @MaxLength(20_000, {
    message: '証明書発行要求が長すぎます（20,000文字以内）。',
  })
  @Matches(CSR, { message: CSR_MESSAGE })
  csr!: string;
}

export class IbAcquisitionDto extends IbCsrDto implements IbAcquisitionRequest {
  @IsOptional()
  @IsString({ message: '金庫コードは4桁の数字で入力してください。' })
  @Matches(/^\d{4}$/, {
    message: '金庫コードは4桁の数字で入力してください。',
  })
  creditUnionCode?: string;

  @IsString({
    message: 'ログインID（契約者ID・利用者ID）を入力してください。',
  })
  @Matches(IB_LOGIN_ID_FORMAT, {
    message: 'ログインID（契約者ID・利用者ID）は半角英数字で入力してください。',
  })
  loginId!: string;

  @IsString({ message: '暗証番号を入力してください。' })
  @Matches(PIN, {
    message: '暗証番号は半角英数字4〜16文字で入力してください。',
  })
  pin!: string;

  @IsString({ message: '確認暗証番号を入力してください。' })
  @Matches(PIN, {
    message: '確認暗証番号は半角英数字4〜16文字で入力してください。',
  })
  confirmationPin!: string;
}
