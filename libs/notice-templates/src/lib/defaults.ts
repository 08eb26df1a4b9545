/* eslint-disable no-irregular-whitespace -- Japanese mails indent with full-width spaces (U+3000) */
import { RENEWAL_NOTICE_TITLE } from '@certdesk/domain';
import { NoticeKind } from './kinds';

/** Subject (or 重要なお知らせ title) and body of a template. */
export interface TemplateText {
  subject: string;
  body: string;
}

const GREETING = `{{ companyName }}
{{ ibRoleLabel }} {{ userName }} 様

いつも{{ creditUnionName }}の法人インターネットバンキングをご利用いただき、誠にありがとうございます。`;

const FOOTER = `※本メールは送信専用のアドレスからお送りしています。ご返信いただいてもお答えできませんので、ご了承ください。
※当金庫からのメールに、ログオン画面などへのリンクを記載することはありません。リンクが記載されたメールを受け取られた場合は、開かずに当金庫までご連絡ください。

【お問い合わせ先】
{{ creditUnionName }} 法人インターネットバンキング ヘルプデスク
電話番号：{{ helpDeskPhone }}
受付時間：{{ helpDeskHours }}`;

const HOW_TO_ACQUIRE = `　1. 法人インターネットバンキングのログオン画面を開いてください。
　2. 「電子証明書取得」を選択してください。
{% if ibRole == "administrator" %}　3. 契約者ID、ご契約先暗証番号、ご契約先確認暗証番号を入力してください。
{% else %}　3. 利用者ID、利用者暗証番号、利用者確認暗証番号を入力してください。
{% endif %}　4. 画面の案内に従って、新しい電子証明書を取得してください。`;

/** The shipped wording, created for each credit union on first use (version 1, published). */
export const DEFAULT_TEMPLATES: Readonly<Record<NoticeKind, TemplateText>> =
  Object.freeze({
    renewal_reminder: {
      subject: '電子証明書更新のご案内',
      body: `${GREETING}

{{ ibRoleLabel }}（{{ userName }} 様）の電子証明書の有効期限が近づいてまいりましたので、ご案内いたします。

■電子証明書の有効期限日
　{{ expiryDate | jdate }}{% if daysLeft == 0 %}（本日が有効期限日です）{% else %}（あと{{ daysLeft }}日）{% endif %}

■更新の手順
　有効期限日までに、次の手順で電子証明書を更新してください。
　1. 現在の電子証明書で法人インターネットバンキングにログオンしてください。
　2. ログオン後に表示される「重要なお知らせ」画面で、「${RENEWAL_NOTICE_TITLE}」を選択してください。
　3. お知らせ本文の「電子証明書の更新はこちら」をクリックし、「{{ renewalButtonLabel }}」をクリックしてください。
　4. 画面の案内に従って更新を完了し、新しい電子証明書でログオンできることをご確認ください。
　※更新は、有効期限日の{{ renewalWindowDays }}日前から有効期限日までの間に行えます。

■有効期限日を過ぎた場合
　有効期限日を過ぎますと、法人インターネットバンキングにログオンいただけなくなります。
　その場合は、ログオン画面の「電子証明書取得」から新しい電子証明書を取得してください。
　なお、{{ selfServiceDeadline | jdate }}を過ぎますと電子証明書を取得いただけなくなり、当金庫での再発行手続きが必要となります。

お手数をおかけしますが、お早めに更新くださいますようお願い申し上げます。

${FOOTER}`,
    },
    important_notice_renewal: {
      subject: RENEWAL_NOTICE_TITLE,
      body: `{{ ibRoleLabel }}（{{ userName }} 様）の電子証明書の有効期限日は{{ expiryDate | jdate }}です{% if daysLeft == 0 %}（本日が有効期限日です）{% else %}（あと{{ daysLeft }}日）{% endif %}。
有効期限日までに、下記から電子証明書を更新してください。

{{ renewalLink }}

別ウィンドウで「電子証明書更新前処理中」画面が表示された後、「{{ renewalButtonLabel }}」をクリックし、画面の案内に従って更新してください。
更新後は、新しい電子証明書でログオンできることをご確認ください。

有効期限日を過ぎますと、法人インターネットバンキングにログオンいただけなくなります。その場合は、ログオン画面の「電子証明書取得」から新しい電子証明書を取得してください。
また、電子証明書の有効期限日から{{ selfServiceDays }}日を超過しますと（{{ selfServiceDeadline | jdate }}を過ぎますと）、電子証明書を取得いただけなくなります。その場合は、当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。

お問い合わせ：{{ creditUnionName }} 法人インターネットバンキング ヘルプデスク
電話番号 {{ helpDeskPhone }}（受付時間 {{ helpDeskHours }}）`,
    },
    locked_out: {
      subject: '電子証明書有効期限切れのご案内',
      body: `${GREETING}

{{ ibRoleLabel }}（{{ userName }} 様）の電子証明書は、{{ expiryDate | jdate }}をもって有効期限が切れました。
このため、現在この電子証明書では法人インターネットバンキングにログオンいただけません。

■新しい電子証明書の取得手順
${HOW_TO_ACQUIRE}

■取得できる期限
　{{ selfServiceDeadline | jdate }}まで{% if daysUntilSelfServiceDeadline > 0 %}（あと{{ daysUntilSelfServiceDeadline }}日）{% endif %}
　この期限を過ぎますと電子証明書を取得いただけなくなり、当金庫での再発行手続き（書面によるお手続き）が必要となります。

${FOOTER}`,
    },
    last_chance: {
      subject: '電子証明書取得期限のご案内',
      body: `${GREETING}

{{ ibRoleLabel }}（{{ userName }} 様）の電子証明書は、{{ expiryDate | jdate }}に有効期限が切れたままとなっております。
新しい電子証明書を取得いただける期限が近づいておりますので、ご案内いたします。

■取得できる期限
　{{ selfServiceDeadline | jdate }}まで{% if daysUntilSelfServiceDeadline > 0 %}（あと{{ daysUntilSelfServiceDeadline }}日）{% endif %}

■新しい電子証明書の取得手順
${HOW_TO_ACQUIRE}

期限を過ぎますと、当金庫での再発行手続き（「電子証明書再発行依頼書」のご提出）が必要となります。
お早めにお手続きくださいますようお願い申し上げます。

${FOOTER}`,
    },
    reissue_ready: {
      subject: '電子証明書再発行手続き完了のご案内',
      body: `${GREETING}

ご依頼いただいた{{ ibRoleLabel }}（{{ userName }} 様）の電子証明書の再発行手続きが完了いたしました。
次の手順で、新しい電子証明書を取得してください。

■新しい電子証明書の取得手順
${HOW_TO_ACQUIRE}

■取得できる期限
　{{ acquisitionDeadline | jdate }}まで
　この期限を過ぎますと、改めて再発行のお手続きが必要となります。

${FOOTER}`,
    },
  });
